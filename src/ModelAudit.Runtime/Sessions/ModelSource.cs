using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Sessions;

/// <summary>A model as a file or as bytes, so the same model can be opened again on another device (the CPU check).</summary>
internal sealed record ModelSource(string DisplayName, string? Path, byte[]? Bytes)
{
    public static ModelSource FromFile(string fullPath) => new(fullPath, fullPath, null);

    public static ModelSource FromBytes(byte[] bytes, string displayName) => new(displayName, null, bytes);

    public Ort.InferenceSession Load(Ort.SessionOptions options) =>
        Path is not null ? new Ort.InferenceSession(Path, options) : new Ort.InferenceSession(Bytes!, options);
}
