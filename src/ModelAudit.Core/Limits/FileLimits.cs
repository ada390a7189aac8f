namespace ModelAudit.Core.Limits;

/// <summary>Size limits of the text files the tool reads; real ones are a small fraction of these.</summary>
internal static class FileLimits
{
    public const long ConfigBytes = 16L << 20;

    public const long LabelsBytes = 16L << 20;

    public const long AnnotationBytes = 256L << 20;

    /// <summary>baseline.json and each of its maps (a 1024x1024 float map is 4 MiB).</summary>
    public const long BaselineBytes = 256L << 20;

    public const string Hint = "is this the right file?";
}
