namespace ModelAudit.MSBuild;

internal enum ToolSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// One diagnostic line of the tool's output. File, line and column are absent for the tool's one-line
/// errors (<c>modelaudit: error: ...</c>), which name no config entry.
/// </summary>
internal sealed class ToolDiagnostic
{
    public ToolDiagnostic(ToolSeverity severity, string? code, string? file, int line, int column, string message)
    {
        Severity = severity;
        Code = code;
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    public ToolSeverity Severity { get; }

    public string? Code { get; }

    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    public string Message { get; }
}
