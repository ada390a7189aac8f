using System.Globalization;

namespace ModelAudit.Core.Audit.Config.Json;

/// <summary>
/// Finds a <c>\uXXXX</c> escape that is half of a UTF-16 surrogate pair without its other half ("\ud800"):
/// valid JSON syntax that no string can hold, which System.Text.Json reports only when the string is read,
/// as an InvalidOperationException without a position.
/// </summary>
internal static class SurrogateEscapes
{
    /// <summary>Offset of the first unpaired surrogate escape's backslash in raw (still escaped) JSON text, or -1.</summary>
    public static int FindUnpaired(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        while (i < raw.Length - 1)
        {
            if (raw[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            if (raw[i + 1] != (byte)'u' || Escaped(raw, i) is not int unit)
            {
                i += 2; // "\\" and "\"" are skipped whole, so "\\ud800" is a backslash and text
                continue;
            }

            if (char.IsHighSurrogate((char)unit) && Escaped(raw, i + 6) is int low && char.IsLowSurrogate((char)low))
            {
                i += 12;
            }
            else if (char.IsSurrogate((char)unit))
            {
                return i;
            }
            else
            {
                i += 6;
            }
        }

        return -1;
    }

    /// <summary>The escape at <paramref name="offset"/> as written (e.g. <c>\ud800</c>), for messages.</summary>
    public static string Text(ReadOnlySpan<byte> raw, int offset) =>
        System.Text.Encoding.ASCII.GetString(raw.Slice(offset, Math.Min(6, raw.Length - offset)));

    public const string Problem = "is half of a UTF-16 surrogate pair without its other half, which no text can hold";

    private static int? Escaped(ReadOnlySpan<byte> raw, int at) =>
        at + 6 <= raw.Length && raw[at] == (byte)'\\' && raw[at + 1] == (byte)'u'
            && int.TryParse(raw.Slice(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
            ? unit
            : null;
}
