using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// A problem in modelaudit.json or a file it names. The message is a canonical diagnostic
/// (<c>path(line,col): error MA1001: detail</c>) so MSBuild and editors jump to the entry.
/// </summary>
public sealed class ConfigException : ModelAuditException
{
    public ConfigException(string file, int line, int column, string code, string detail)
        : base($"{file}({line},{column}): error {code}: {detail}")
    {
        File = file;
        Line = line;
        Column = column;
        Code = code;
        Detail = detail;
    }

    public ConfigException(string file, int line, int column, string code, string detail, Exception inner)
        : base($"{file}({line},{column}): error {code}: {detail}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Code = code;
        Detail = detail;
    }

    /// <summary>The config file (absolute), or the file at fault when no config entry applies.</summary>
    public string File { get; }

    /// <summary>1-based; 0 when the problem has no position.</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary><see cref="DiagnosticCodes.ConfigInvalid"/> or <see cref="DiagnosticCodes.FileProblem"/>.</summary>
    public string Code { get; }

    /// <summary>The message without the location and code prefix.</summary>
    public string Detail { get; }

    public Finding ToFinding() => new(Severity.Error, Code, File, Line, Column, Detail);
}
