/* The floor: only pull libyaml's parser events from each file, as crmgen does, and build nothing.
 * usage: libyaml_events [--tokens] FILE... ; prints the number of events.
 * With --tokens, only libyaml's scanner runs (yaml_parser_scan): a reference that shows how much of the
 * floor is the scanner and how little the parser that turns tokens into events. */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    long events = 0;
    int tokens = argc > 1 && strcmp(argv[1], "--tokens") == 0;
    for (int i = 1 + tokens; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) { perror(argv[i]); return 1; }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        unsigned char *bytes = malloc(size > 0 ? size : 1);
        if (fread(bytes, 1, size, file) != (size_t)size) { perror(argv[i]); return 1; }
        fclose(file);

        yaml_parser_t parser;
        yaml_event_t event;
        yaml_token_t token;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, bytes, size);
        int done = 0;
        while (tokens && !done) {
            if (!yaml_parser_scan(&parser, &token)) {
                fprintf(stderr, "%s: %s\n", argv[i], parser.problem);
                return 1;
            }
            done = token.type == YAML_STREAM_END_TOKEN;
            events++;
            yaml_token_delete(&token);
        }
        while (!done) {
            if (!yaml_parser_parse(&parser, &event)) {
                fprintf(stderr, "%s: %s\n", argv[i], parser.problem);
                return 1;
            }
            done = event.type == YAML_STREAM_END_EVENT;
            events++;
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        free(bytes);
    }
    printf("%ld %s\n", events, tokens ? "tokens" : "events");
    return 0;
}
