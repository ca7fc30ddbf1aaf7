/* String and memory functions (glibc's SSE implementations), qsort, snprintf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

int main(void) {
    static char buf[1 << 16];
    unsigned h = 2166136261u;
    for (int i = 0; i < (int) sizeof buf - 1; i++) buf[i] = "abcdefghijklmnopqrstuvwxyz ,.\n"[(i * 7 + i / 13) % 30];
    buf[sizeof buf - 1] = 0;
    printf("strlen %zu\n", strlen(buf));
    printf("strchr %td strrchr %td\n", strchr(buf, 'q') - buf, strrchr(buf, 'q') - buf);
    char *hit = strstr(buf, "xyz ,");
    printf("strstr %td\n", hit ? hit - buf : -1);
    char *words[2000];
    int n = 0;
    for (char *t = strtok(buf, " ,.\n"); t && n < 2000; t = strtok(0, " ,.\n")) words[n++] = t;
    qsort(words, n, sizeof *words, cmp);
    for (int i = 0; i < n; i++) for (char *c = words[i]; *c; c++) h = (h ^ (unsigned char) toupper(*c)) * 16777619u;
    printf("words %d first %s last %s hash %08x\n", n, words[0], words[n - 1], h);
    char small[64];
    for (int i = 0; i < 40; i++) {
        memset(small, 'a' + i % 26, sizeof small);
        memmove(small + i % 7, small, 30);
        small[i + 10] = 0;
        int c = memcmp(small, "aaaa", 4);
        printf("%2d %-45s %d %d\n", i, small, c > 0 ? 1 : c < 0 ? -1 : 0, snprintf(0, 0, "%s%d", small, i));
    }
    return 0;
}
