import type { GeneratorName, Registration } from '../index.js';

/**
 * Spring Boot: modules, event listeners and scheduled jobs are found by component scanning and
 * module migrations by Flyway's classpath scan, so `add module`, `add event` and `add job` only
 * create files. A route is a handler method inserted into the module's controller (records for its
 * body and answer first, then the method), above the controller's `// csb:slot:routes` marker.
 */
export const springBootRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  route: [
    {
      file: 'src/main/java/com/example/app/{{javaPackage module}}/internal/{{pascalCase module}}Controller.java',
      marker: 'csb:slot:routes',
      line: `{{#if (eq method "post")}}  record {{pascalCase name}}Request(String name) {}

  record {{pascalCase name}}Response(String result) {}

  @PostMapping("/{{kebabCase name}}")
  {{pascalCase name}}Response {{camelCase name}}(@RequestBody {{pascalCase name}}Request request) {
    if (request.name() == null || request.name().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name is required");
    }
    // Replace with a call to the module's service.
    return new {{pascalCase name}}Response("{{kebabCase name}}: " + request.name());
  }
{{else}}  record {{pascalCase name}}Response(String result) {}

  @GetMapping("/{{kebabCase name}}")
  {{pascalCase name}}Response {{camelCase name}}() {
    // Replace with a call to the module's service.
    return new {{pascalCase name}}Response("{{kebabCase name}}");
  }
{{/if}}`,
    },
  ],
};
