using System.Diagnostics.CodeAnalysis;

namespace ModelAudit.Imaging.Jpeg;

/// <summary>Throw helpers so every JPEG failure names the file and the byte offset.</summary>
internal static class JpegError
{
    [DoesNotReturn]
    public static void Throw(string source, long offset, string problem) =>
        throw new ImageFormatException(source, offset, problem);

    [DoesNotReturn]
    public static T Throw<T>(string source, long offset, string problem) =>
        throw new ImageFormatException(source, offset, problem);

    [DoesNotReturn]
    public static void Truncated(string source, long offset, string what) =>
        throw new ImageFormatException(source, offset, $"truncated JPEG: the file ends inside {what}");
}
