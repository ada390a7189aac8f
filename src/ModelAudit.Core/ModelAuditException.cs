namespace ModelAudit.Core;

/// <summary>
/// Bad input from the user (a file, a model, an option): the hosts print its message as one line and
/// exit with <see cref="ExitCode.BadInput"/>. Messages name the file, node or option and say what to do.
/// </summary>
public class ModelAuditException : Exception
{
    public ModelAuditException(string message)
        : base(message)
    {
    }

    public ModelAuditException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
