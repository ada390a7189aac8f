using System.Text;

namespace ModelAudit.TestSupport.Fuzzing;

/// <summary>
/// Seeded mutations of valid inputs: byte flips, truncation, splices of two inputs, repeated chunks, huge
/// numbers written into binary fields, and for text (JSON) type swaps, huge numbers, deep nesting,
/// invalid UTF-8 and duplicated keys. The same (corpus, seed) always gives the same bytes.
/// </summary>
public static class Mutator
{
    private static readonly uint[] Interesting32 = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 46341, 65536, 0x1000_0000];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1e309", "-1e309", "99999999999999999999999", "46341", "2147483648", "-0", "0.5",
        "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}", "\"\\u0000\"", "\"\\ud800\"", "\"..\"", "\"/\"", "\"a/b\"",
        "[46341,46341]", "[4096,4096]", "[0,0]", "[-5,3]",
    ];

    public static byte[] Binary(IReadOnlyList<byte[]> corpus, Random random)
    {
        var data = corpus[random.Next(corpus.Count)];
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            data = random.Next(6) switch
            {
                0 => Flip(data, random),
                1 => Truncate(data, random),
                2 => Splice(data, corpus[random.Next(corpus.Count)], random),
                3 => Repeat(data, random),
                4 => HugeNumber(data, random),
                _ => Flip(data, random),
            };
        }

        return data;
    }

    /// <summary>
    /// Largest JSON text a case is grown to (in chars). Nesting and duplicated keys multiply: without a cap three
    /// rounds of them made a gigabyte-sized text and the mutator, not the loader, ran for minutes.
    /// </summary>
    public const int MaxJsonChars = 1 << 20;

    public static byte[] Json(IReadOnlyList<string> corpus, Random random)
    {
        var text = corpus[random.Next(corpus.Count)];
        var rounds = 1 + random.Next(3);
        byte[]? bytes = null;
        for (var r = 0; r < rounds && text.Length <= MaxJsonChars; r++)
        {
            switch (random.Next(8))
            {
                case 0:
                    text = SwapValue(text, random);
                    break;
                case 1:
                    text = Nest(text, random);
                    break;
                case 2:
                    text = DuplicateKey(text, random);
                    break;
                case 3:
                    text = SwapValue(SwapValue(text, random), random);
                    break;
                default:
                    bytes = Binary([Encoding.UTF8.GetBytes(text)], random);
                    text = Encoding.UTF8.GetString(bytes); // later rounds keep working on text
                    break;
            }
        }

        // Invalid UTF-8 and other encodings survive only as bytes.
        return random.Next(10) switch
        {
            0 => InvalidUtf8(Encoding.UTF8.GetBytes(text), random),
            1 => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
            2 when bytes is not null => bytes,
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    private static byte[] Flip(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var copy = (byte[])data.Clone();
        var flips = 1 + random.Next(8);
        for (var i = 0; i < flips; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Truncate(byte[] data, Random random) => data.AsSpan(0, random.Next(data.Length + 1)).ToArray();

    private static byte[] Splice(byte[] a, byte[] b, Random random)
    {
        var cutA = random.Next(a.Length + 1);
        var cutB = random.Next(b.Length + 1);
        return [.. a.AsSpan(0, cutA), .. b.AsSpan(cutB)];
    }

    private static byte[] Repeat(byte[] data, Random random)
    {
        if (data.Length == 0)
        {
            return data;
        }

        var start = random.Next(data.Length);
        var length = 1 + random.Next(Math.Min(64, data.Length - start));
        var times = 1 + random.Next(16);
        var chunk = data.AsSpan(start, length).ToArray();
        var result = new List<byte>(data.Length + (length * times));
        result.AddRange(data.AsSpan(0, start + length).ToArray());
        for (var i = 0; i < times; i++)
        {
            result.AddRange(chunk);
        }

        result.AddRange(data.AsSpan(start + length).ToArray());
        return [.. result];
    }

    private static byte[] HugeNumber(byte[] data, Random random)
    {
        if (data.Length < 4)
        {
            return Flip(data, random);
        }

        var copy = (byte[])data.Clone();
        var value = Interesting32[random.Next(Interesting32.Length)];
        var at = random.Next(copy.Length - 3);
        var bytes = BitConverter.GetBytes(value);
        if (random.Next(2) == 0)
        {
            Array.Reverse(bytes); // big-endian fields (PNG, JPEG)
        }

        var width = random.Next(3) switch { 0 => 1, 1 => 2, _ => 4 };
        bytes.AsSpan(4 - width).CopyTo(copy.AsSpan(at));
        return copy;
    }

    // A JSON scalar, array or object literal somewhere in the text, replaced by a value of another type.
    private static string SwapValue(string text, Random random)
    {
        var positions = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' || (text[i] == ',' && i > 0) || text[i] == '[')
            {
                positions.Add(i + 1);
            }
        }

        if (positions.Count == 0)
        {
            return text;
        }

        var start = positions[random.Next(positions.Count)];
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = ValueEnd(text, start);
        return string.Concat(text.AsSpan(0, start), JsonValues[random.Next(JsonValues.Length)], text.AsSpan(end));
    }

    private static int ValueEnd(string text, int start)
    {
        if (start >= text.Length)
        {
            return start;
        }

        if (text[start] == '"')
        {
            var i = start + 1;
            while (i < text.Length && text[i] != '"')
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            return Math.Min(text.Length, i + 1);
        }

        if (text[start] is '[' or '{')
        {
            var depth = 0;
            for (var i = start; i < text.Length; i++)
            {
                depth += text[i] is '[' or '{' ? 1 : text[i] is ']' or '}' ? -1 : 0;
                if (depth == 0)
                {
                    return i + 1;
                }
            }

            return text.Length;
        }

        var j = start;
        while (j < text.Length && text[j] is not (',' or '}' or ']') && !char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        return j;
    }

    private static string Nest(string text, Random random)
    {
        var depth = random.Next(2) == 0 ? 64 + random.Next(64) : 5_000 + random.Next(20_000);
        var at = text.IndexOf(':', random.Next(Math.Max(1, text.Length)));
        if (at < 0)
        {
            return new string('[', depth) + text + new string(']', depth);
        }

        var end = ValueEnd(text, at + 1 + (text.Length > at + 1 && text[at + 1] == ' ' ? 1 : 0));
        var open = random.Next(2) == 0 ? "[" : "{\"k\":";
        var close = open == "[" ? "]" : "}";
        var inner = text[(at + 1)..end];
        return text[..(at + 1)] + string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth)) + text[end..];
    }

    private static string DuplicateKey(string text, Random random)
    {
        var at = text.IndexOf('"', random.Next(Math.Max(1, text.Length)));
        if (at < 0 || text.IndexOf(':', at) is var colon && colon < 0)
        {
            return text;
        }

        var pair = text[at..Math.Min(text.Length, ValueEnd(text, colon + 1 + (colon + 1 < text.Length && text[colon + 1] == ' ' ? 1 : 0)))];
        var copies = random.Next(2) == 0 ? 1 : 1000 + random.Next(20_000);
        copies = Math.Clamp(MaxJsonChars / Math.Max(1, pair.Length + 1), 1, copies);
        return string.Concat(text.AsSpan(0, at), string.Concat(Enumerable.Repeat(pair + ",", copies)), text.AsSpan(at));
    }

    private static byte[] InvalidUtf8(byte[] data, Random random)
    {
        byte[][] bad = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        var at = random.Next(data.Length + 1);
        return [.. data.AsSpan(0, at), .. bad[random.Next(bad.Length)], .. data.AsSpan(at)];
    }
}
