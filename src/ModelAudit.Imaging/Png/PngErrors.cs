namespace ModelAudit.Imaging.Png;

/// <summary>Builds the typed errors of the codec so every message names the input and the byte offset.</summary>
internal static class PngErrors
{
    public static ImageFormatException At(string source, long offset, string problem) => new(source, offset, problem);

    public static ImageFormatException InChunk(string source, PngChunk chunk, string problem) =>
        new(source, chunk.Offset, $"{chunk.Name} chunk: {problem}");
}
