import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jcodings.specific.UTF8Encoding;
import org.joni.Matcher;
import org.joni.Option;
import org.joni.Regex;
import org.joni.Region;
import org.joni.Syntax;

/**
 * Runs the Logstash pipeline's regular expressions with Joni, the engine of JRuby 9.4 (so of
 * Logstash 9.5), as the pipeline applies them. Source-file mode, no build step:
 *
 *   java -cp joni.jar:jcodings.jar ScrubHarness.java < requests
 *
 * Requests and answers are netstrings (`<byte length>:<UTF-8 bytes>,`), read from stdin until its
 * end and answered on stdout in order, one answer per request:
 *
 *   rules N (pattern replacement){N}  the scrub list, in order: as `mutate { gsub => [...] }` holds
 *                                     them (Ruby pattern, Ruby replacement); answers `+N`, or `!i: error`
 *                                     for the first rule that does not compile
 *   scrub TEXT                        String#gsub(Regexp.new(pattern), replacement), rule after rule;
 *                                     answers `=` and the result
 *   match OPTIONS PATTERN TEXT        `TEXT =~ Regexp.new(PATTERN, OPTIONS)` (OPTIONS "" or "m", as
 *                                     grok's Regexp::MULTILINE); answers `-` (no match), or `+` and
 *                                     group 1 (the whole match when the pattern has no group), or
 *                                     `!error` when it does not compile
 *   version                           answers `joni-X jcodings-Y` (the jars' Maven versions)
 */
public final class ScrubHarness {
  private static final class Rule {
    final Regex regex;
    final byte[] replacement;

    Rule(Regex regex, byte[] replacement) {
      this.regex = regex;
      this.replacement = replacement;
    }
  }

  private final byte[] in;
  private int pos;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private ScrubHarness(byte[] in) {
    this.in = in;
  }

  public static void main(String[] args) throws IOException {
    ScrubHarness harness = new ScrubHarness(System.in.readAllBytes());
    harness.run();
    System.out.write(harness.out.toByteArray());
    System.out.flush();
  }

  /**
   * Ruby's Regexp.new(source, options) on a UTF-8 string, as JRuby's RubyRegexp.makeRegexp builds
   * it: the source bytes, the UTF-8 encoding, Syntax.DEFAULT (which is Syntax.RUBY).
   */
  static Regex compile(byte[] source, int options) {
    return new Regex(source, 0, source.length, options, UTF8Encoding.INSTANCE, Syntax.DEFAULT);
  }

  private void run() {
    List<Rule> rules = new ArrayList<>();
    while (pos < in.length) {
      String command = text(next());
      switch (command) {
        case "rules": {
          int n = Integer.parseInt(text(next()));
          List<Rule> list = new ArrayList<>();
          String error = null;
          for (int i = 0; i < n; i++) {
            byte[] pattern = next();
            byte[] replacement = next();
            if (error != null) continue;
            try {
              list.add(new Rule(compile(pattern, Option.NONE), replacement));
            } catch (RuntimeException e) {
              error = "!" + i + ": " + e.getMessage();
            }
          }
          rules = error == null ? list : new ArrayList<>();
          answer(error == null ? "+" + n : error);
          break;
        }
        case "scrub": {
          byte[] text = next();
          for (Rule rule : rules) text = gsub(text, rule);
          answer("=", text);
          break;
        }
        case "match": {
          String options = text(next());
          byte[] pattern = next();
          byte[] text = next();
          Regex regex;
          try {
            regex = compile(pattern, options.contains("m") ? Option.MULTILINE : Option.NONE);
          } catch (RuntimeException e) {
            answer("!" + e.getMessage());
            break;
          }
          Matcher m = regex.matcher(text);
          if (m.search(0, text.length, Option.NONE) < 0) {
            answer("-");
            break;
          }
          Region r = m.getEagerRegion();
          int group = r.getNumRegs() > 1 ? 1 : 0;
          answer("+", r.getBeg(group) < 0 ? new byte[0] : slice(text, r.getBeg(group), r.getEnd(group)));
          break;
        }
        case "version":
          answer(version("org.jruby.joni/joni") + " " + version("org.jruby.jcodings/jcodings"));
          break;
        default:
          throw new IllegalArgumentException("unknown command " + command);
      }
    }
  }

  /** A jar's Maven version, from its pom.properties (its manifest's version is stale). */
  static String version(String artifact) {
    try (InputStream in = ScrubHarness.class.getClassLoader().getResourceAsStream("META-INF/maven/" + artifact + "/pom.properties")) {
      Properties props = new Properties();
      if (in != null) props.load(in);
      return artifact.substring(artifact.indexOf('/') + 1) + "-" + props.getProperty("version", "unknown");
    } catch (IOException e) {
      return artifact + "-unreadable";
    }
  }

  /** String#gsub with a string replacement: every match, left to right; an empty match steps one character. */
  static byte[] gsub(byte[] text, Rule rule) {
    Matcher m = rule.regex.matcher(text);
    ByteArrayOutputStream dest = new ByteArrayOutputStream();
    int offset = 0;
    int start = 0;
    while (start <= text.length && m.search(start, text.length, Option.NONE) >= 0) {
      Region r = m.getEagerRegion();
      int beg = r.getBeg(0);
      int end = r.getEnd(0);
      dest.write(text, offset, beg - offset);
      regsub(dest, text, r, rule.replacement);
      if (beg == end) {
        if (end >= text.length) {
          offset = end;
          break;
        }
        int len = UTF8Encoding.INSTANCE.length(text, end, text.length);
        dest.write(text, end, len);
        offset = end + len;
      } else {
        offset = end;
      }
      start = offset;
    }
    if (offset < text.length) dest.write(text, offset, text.length - offset);
    return dest.toByteArray();
  }

  /** Ruby's replacement-string expansion: \0 \& (match), \1-\9, \` \' (pre/post), \\ (a backslash); any other \x stays. */
  static void regsub(ByteArrayOutputStream dest, byte[] text, Region r, byte[] repl) {
    for (int i = 0; i < repl.length; i++) {
      byte c = repl[i];
      if (c != '\\' || i + 1 == repl.length) {
        dest.write(c);
        continue;
      }
      byte n = repl[++i];
      int group = -1;
      if (n >= '0' && n <= '9') group = n - '0';
      else if (n == '&') group = 0;
      if (group >= 0) {
        if (group < r.getNumRegs() && r.getBeg(group) >= 0) dest.write(text, r.getBeg(group), r.getEnd(group) - r.getBeg(group));
      } else if (n == '`') {
        dest.write(text, 0, r.getBeg(0));
      } else if (n == '\'') {
        dest.write(text, r.getEnd(0), text.length - r.getEnd(0));
      } else if (n == '\\') {
        dest.write('\\');
      } else {
        dest.write('\\');
        dest.write(n);
      }
    }
  }

  private byte[] next() {
    int colon = pos;
    while (in[colon] != ':') colon++;
    int len = Integer.parseInt(new String(in, pos, colon - pos, StandardCharsets.US_ASCII).trim());
    byte[] value = slice(in, colon + 1, colon + 1 + len);
    if (in[colon + 1 + len] != ',') throw new IllegalArgumentException("netstring without its comma at " + pos);
    pos = colon + 2 + len;
    while (pos < in.length && (in[pos] == '\n' || in[pos] == ' ')) pos++;
    return value;
  }

  private void answer(String head) {
    answer(head, new byte[0]);
  }

  private void answer(String head, byte[] body) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] len = Integer.toString(h.length + body.length).getBytes(StandardCharsets.US_ASCII);
    out.write(len, 0, len.length);
    out.write(':');
    out.write(h, 0, h.length);
    out.write(body, 0, body.length);
    out.write(',');
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    byte[] part = new byte[to - from];
    System.arraycopy(bytes, from, part, 0, to - from);
    return part;
  }
}
