/**
 * A resource is found by the SDK under `new URL(uri).toString()` of the URI a client asks for, so a URI the
 * URL parser refuses (`inj://</script>`) or rewrites (`Notes://A/../b` → `notes://A/b`) can be listed but never
 * read. The check is the same parse: the URI must parse and read back unchanged.
 */
import { shorten } from '../diagnostics.js';
import { findings, type SpecRule } from './rule.js';

export const resourceUris: SpecRule = {
  name: 'resource-uri',
  check({ spec }) {
    const report = findings('resource-uri');
    spec.resources.forEach((resource, r) => {
      const path = ['resources', r, 'uri'];
      let parsed: URL;
      try {
        parsed = new URL(resource.uri);
      } catch {
        report.error(
          path,
          `\`${shorten(resource.uri)}\` is not a URI the MCP SDK can read; the resource could never be served`,
          'use a URI such as notes://readme (a scheme, then letters, digits and -._~/ ; other characters %-encoded)',
        );
        return;
      }
      if (parsed.href !== resource.uri) {
        report.error(
          path,
          `the MCP SDK reads \`${shorten(resource.uri)}\` as \`${shorten(parsed.href)}\`, so a client asking for it would not find it`,
          `write it as \`${shorten(parsed.href)}\``,
        );
      }
    });
    return report.list;
  },
};
