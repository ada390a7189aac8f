namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// The one spelling of a path written in a config: '/' separators and, on a case-insensitive file system, each
/// existing component's case as on disk. It keys baselines and names images in reports and messages, so
/// `images\receipt.png`, `images/receipt.png` and `Images/Receipt.PNG` (on Windows) are one image everywhere.
/// </summary>
internal static class ConfigPath
{
    public static string Normalize(string written, string baseDirectory)
    {
        var slashed = written.Replace('\\', '/');
        if (System.IO.Path.IsPathRooted(slashed) || !IsCaseInsensitive(baseDirectory))
        {
            return slashed;
        }

        var parts = slashed.Split('/');
        var current = baseDirectory;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part is "" or "." or "..")
            {
                current = System.IO.Path.Combine(current, part);
                continue;
            }

            var onDisk = OnDiskName(current, part);
            if (onDisk is null)
            {
                break;
            }

            parts[i] = onDisk;
            current = System.IO.Path.Combine(current, onDisk);
        }

        return string.Join('/', parts);
    }

    private static string? OnDiskName(string directory, string name)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, name))
        {
            var found = System.IO.Path.GetFileName(entry);
            if (string.Equals(found, name, StringComparison.OrdinalIgnoreCase))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Probes the folder itself: Windows and macOS volumes usually ignore case, Linux ones usually do not.</summary>
    private static bool IsCaseInsensitive(string directory)
    {
        var upper = directory.ToUpperInvariant();
        var lower = directory.ToLowerInvariant();
        return upper != lower && Directory.Exists(upper) && Directory.Exists(lower);
    }
}
