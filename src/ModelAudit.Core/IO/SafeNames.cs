namespace ModelAudit.Core.IO;

/// <summary>
/// The one way a user's text (a model name, an image path, a value name) becomes a file or folder name: every
/// character outside [A-Za-z0-9._-] becomes '_', so the result never holds a separator, a drive, a control
/// character or a name Windows reserves. Names that would still mean something to the file system ("", ".",
/// "..") are refused: nothing may land beside or above the folder it belongs in.
/// </summary>
public static class SafeNames
{
    /// <summary>Longest name accepted for a model; longer ones are refused at config load.</summary>
    public const int MaxLength = 256;

    private static readonly HashSet<string> WindowsDevices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The file name for <paramref name="text"/>, or null when it cannot be one (empty, ".", "..").</summary>
    public static string? TryMap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray();
        var name = new string(chars);
        if (name.Trim('.').Length == 0)
        {
            return null;
        }

        // Windows drops trailing dots and treats "nul.txt" as the device: keep such names distinct and harmless.
        if (name.EndsWith('.'))
        {
            name = name.TrimEnd('.') + "_";
        }

        var stem = name.Split('.')[0];
        return WindowsDevices.Contains(stem) ? "_" + name : name;
    }

    /// <summary>Like <see cref="TryMap"/> but refuses with a message that names <paramref name="what"/>.</summary>
    public static string Map(string text, string what) =>
        TryMap(text) ?? throw new ModelAuditException($"{what} \"{text}\" cannot name a file (empty, \".\" or \"..\"); choose another");

    /// <summary>Whether two names land on the same file where the file system ignores case (Windows, macOS).</summary>
    public static bool Collide(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
