#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--version") {
    std::printf("xtt 0.1.0\n");
    return 0;
  }
  std::fprintf(stderr, "usage: xtt --version\n");
  return 2;
}
