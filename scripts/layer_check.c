/* Not a program to run: linked once per layer of the library with the whole of that layer's
 * archive and only the layers and libraries it may use (CMakeLists.txt, wd_layer), so that a
 * call across a forbidden arrow (the engine calling plots or libcurl, plots calling the
 * fetchers, ...) fails the build as an undefined reference. */
int main(void)
{
    return 0;
}
