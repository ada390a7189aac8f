namespace ModelAudit.Core.Limits;

/// <summary>Size limits of the text files the tool reads; real ones are a small fraction of these.</summary>
internal static class FileLimits
{
    public const long ConfigBytes = 16L << 20;

    public const long LabelsBytes = 16L << 20;

    public const long AnnotationBytes = 256L << 20;

    public const string Hint = "is this the right file?";
}
