using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Limits;
using ModelAudit.IO;

namespace ModelAudit.Core.Audit.Config;

/// <summary>The config file being read: makes its errors and resolves the paths it names.</summary>
internal sealed class ConfigSource(string file)
{
    public string File { get; } = file;

    public string Directory { get; } = System.IO.Path.GetDirectoryName(file)!;

    /// <summary>The file's "limits" (read before the models, which carry them).</summary>
    public InputLimits Limits { get; set; } = InputLimits.Default;

    public ConfigException Invalid(SourceLocation at, string detail) =>
        new(File, at.Line, at.Column, DiagnosticCodes.ConfigInvalid, detail);

    public ConfigException FileProblem(SourceLocation at, string detail) =>
        new(File, at.Line, at.Column, DiagnosticCodes.FileProblem, detail);

    /// <summary>A path the config names, made absolute; one the file system cannot hold (a NUL, a control character) is an MA1001 at the entry.</summary>
    public string Resolve(string written, SourceLocation at, string where)
    {
        var bad = written.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (bad < 0)
        {
            bad = written.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        if (bad >= 0 || written.Length == 0)
        {
            throw Invalid(at, written.Length == 0
                ? $"{where} is empty; give a path"
                : $"{where} holds the control character U+{(int)written[bad]:X4}, which no file name can; fix the path");
        }

        try
        {
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, written.Replace('\\', '/')));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            throw Invalid(at, $"{where} is not a valid path: {e.Message}");
        }
    }

    /// <summary>The absolute path of an existing file the config names, else an MA1002 at the entry.</summary>
    public string RequireFile(string written, SourceLocation at, string what, string where)
    {
        var full = Resolve(written, at, where);
        try
        {
            BoundedFile.RequireRegular(full);
            return full;
        }
        catch (IOException e)
        {
            var why = System.IO.Directory.Exists(full) ? "is a folder, expected a file" : e is FileNotFoundException ? "not found" : e.Message;
            throw FileProblem(at, $"{where}: {what} {written} {why} (looked for {full})");
        }
    }

    /// <summary>'/'-separated path relative to the config, how annotation images are shown.</summary>
    public string Relative(string fullPath) =>
        System.IO.Path.GetRelativePath(Directory, fullPath).Replace('\\', '/');
}
