namespace ModelAudit.Core.Analysis;

/// <summary>Class labels, one per line (line 1 is class 0); blank trailing lines ignored.</summary>
public static class LabelFile
{
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelAuditException($"{path}: labels file not found");
        }

        var lines = File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
