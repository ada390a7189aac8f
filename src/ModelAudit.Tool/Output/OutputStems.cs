using ModelAudit.Core.IO;

namespace ModelAudit.Tool.Output;

/// <summary>Output file stems for input images: the file name made safe; a stem seen before gets -2, -3, ... so no output overwrites another.</summary>
internal static class OutputStems
{
    public static IReadOnlyList<string> For(IReadOnlyList<string> paths)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stems = new List<string>(paths.Count);
        foreach (var path in paths)
        {
            var stem = NpyWriter.SafeFileName(Path.GetFileNameWithoutExtension(path));
            var unique = stem;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{stem}-{n}";
            }

            stems.Add(unique);
        }

        return stems;
    }
}
