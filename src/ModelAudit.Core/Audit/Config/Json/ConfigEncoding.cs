using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ModelAudit.Core.Audit.Config.Json;

/// <summary>
/// modelaudit.json must be UTF-8. Files saved as UTF-16 or UTF-32 (Windows editors, PowerShell's `>`) and
/// bytes that are not UTF-8 are named as encoding errors with their position, instead of as JSON syntax.
/// </summary>
internal static class ConfigEncoding
{
    public static void Require(byte[] bytes, string file)
    {
        var other = Detect(bytes);
        if (other is not null)
        {
            throw new ConfigException(file, 1, 1, DiagnosticCodes.ConfigInvalid, $"the file is encoded as {other}; save it as UTF-8");
        }

        var offset = FirstInvalidUtf8(bytes);
        if (offset >= 0)
        {
            var at = new LineMap(bytes).At(offset);
            throw new ConfigException(file, at.Line, at.Column, DiagnosticCodes.ConfigInvalid,
                $"byte 0x{bytes[offset]:X2} at offset {offset} is not valid UTF-8; save the file as UTF-8");
        }
    }

    private static string? Detect(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) || (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0))
        {
            return "UTF-32 (big-endian)";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || (b.Length >= 4 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0))
        {
            return "UTF-32 (little-endian)";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || (b.Length >= 2 && b[0] == 0 && b[1] != 0))
        {
            return "UTF-16 (big-endian)";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || (b.Length >= 2 && b[0] != 0 && b[1] == 0))
        {
            return "UTF-16 (little-endian)";
        }

        return null;
    }

    /// <summary>The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var i = 0;
        while (i < bytes.Length && Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) == OperationStatus.Done)
        {
            i += consumed;
        }

        return i;
    }
}
