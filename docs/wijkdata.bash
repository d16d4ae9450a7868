# bash completion for wijkdata: its commands, each command's options, and the values an
# option takes where they are a fixed list. Installed as
# share/bash-completion/completions/wijkdata. A new command or option touches this file and
# docs/wijkdata.1; tests/cli/test_docs.c checks both against the --help texts.

_wijkdata_commands="demo profile profiles indicators rank export controle site poster gespreksblad stemkaart beraad voortgang gebied fetch import regions sources"

# The options of command $1, as its --help lists them.
_wijkdata_options()
{
    case $1 in
    demo) echo "--out --store --buurten --seed --geen-profielen --tweede-editie" ;;
    profile) echo "-o --out --format --pagina --store --jaar --indicators --balans --opgaven" ;;
    profiles) echo "--gemeente --shard --resume --boekje --gebied --out --jaar --threads --store --indicators --balans --opgaven" ;;
    indicators) echo "--gemeente --level --jaar --format --out --threads --store --indicators --balans" ;;
    rank) echo "--gemeente --opgave --trekkingen --seed --jaar --format --out --threads --store --opgaven --indicators --balans" ;;
    export) echo "--format --gemeente --level --jaar --out --threads --store --indicators --balans" ;;
    controle) echo "--gemeente --format --out --store" ;;
    site) echo "--gemeente -o --out --jaar --store --indicators --balans --opgaven" ;;
    poster) echo "-o --out --formaat --store --jaar --indicators --balans --opgaven" ;;
    gespreksblad) echo "-o --out --store --jaar --indicators --balans --opgaven" ;;
    stemkaart) echo "--gebied -o --out --store --opgaven" ;;
    beraad) echo "sjabloon invoeren --gebied -o --out --store --opgaven --indicators" ;;
    voortgang) echo "--gebied --beraad -o --out --store --indicators --opgaven" ;;
    gebied) echo "maak lijst verwijder --buurten --wijken --store" ;;
    fetch) echo "--gemeente --years --sources --offline --cache --config --store" ;;
    import) echo "--format --mapping --jaar --config --store" ;;
    regions) echo "--gemeente --level --store" ;;
    sources) echo "--offline --cache --config" ;;
    esac
}

_wijkdata()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$_wijkdata_commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
    --format)
        case $cmd in
        profile) COMPREPLY=($(compgen -W "pdf png svg" -- "$cur")) ;;
        indicators) COMPREPLY=($(compgen -W "csv json zoals" -- "$cur")) ;;
        rank) COMPREPLY=($(compgen -W "csv json" -- "$cur")) ;;
        export) COMPREPLY=($(compgen -W "csv csv-nl xlsx geojson gpkg" -- "$cur")) ;;
        controle) COMPREPLY=($(compgen -W "tekst csv" -- "$cur")) ;;
        import) COMPREPLY=($(compgen -W "statline-csv csv json leefbaarometer-csv leefbaarometer-zip pdok-geojson cbs-v3 cbs-v4" -- "$cur")) ;;
        esac
        return
        ;;
    --level)
        COMPREPLY=($(compgen -W "buurt wijk gemeente werkgebied alle" -- "$cur"))
        return
        ;;
    --sources)
        COMPREPLY=($(compgen -W "kwb rivm lbm geo" -- "$cur"))
        return
        ;;
    --formaat)
        COMPREPLY=($(compgen -W "a3 a4" -- "$cur"))
        return
        ;;
    --store | -o | --out | --indicators | --balans | --opgaven | --mapping | --config | --boekje)
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --cache)
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    --gemeente | --jaar | --years | --buurten | --seed | --pagina | --threads | --trekkingen | --opgave | --shard)
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_wijkdata_options "$cmd") --help" -- "$cur"))
    elif [ "$cmd" = import ]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _wijkdata wijkdata
