using System.Text;
using ModelAudit.Core.Limits;
using ModelAudit.IO;

namespace ModelAudit.Core.Analysis;

/// <summary>Class labels, one per line (line 1 is class 0), UTF-8; blank trailing lines ignored.</summary>
public static class LabelFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<string> Read(string path)
    {
        string text;
        try
        {
            var bytes = BoundedFile.ReadAll(path, FileLimits.LabelsBytes, FileLimits.Hint);
            text = Strict.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        }
        catch (FileNotFoundException)
        {
            throw new ModelAuditException($"{path}: labels file not found");
        }
        catch (DecoderFallbackException)
        {
            throw new ModelAuditException($"{path}: the labels file is not UTF-8 text; save it as UTF-8, one label per line");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{path}: cannot read the labels file: {e.Message}", e);
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
