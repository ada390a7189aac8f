using ModelAudit.IO;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>
/// Where one tensor's external bytes are, checked from the declarations alone: the location stays in the
/// model's folder and names a regular file, the length is what the shape and element type need, and the
/// range lies inside the file.
/// </summary>
internal sealed record ExternalRange(TensorProto Tensor, string Location, string Path, long Offset, int Length)
{
    public static ExternalRange Read(TensorProto tensor, string baseDirectory, string source)
    {
        string? location = null;
        long offset = 0;
        long? length = null;
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case "location":
                    location = entry.Value;
                    break;
                case "offset":
                    offset = ParseNumber(tensor, entry, source);
                    break;
                case "length":
                    length = ParseNumber(tensor, entry, source);
                    break;
            }
        }

        if (string.IsNullOrEmpty(location))
        {
            throw TensorData.Error(source, tensor, "keeps its data in an external file but names no location");
        }

        var path = InsideFolder(tensor, location, baseDirectory, source);
        try
        {
            BoundedFile.RequireRegular(path);
        }
        catch (BoundedFileException e)
        {
            throw TensorData.Error(source, tensor, $"external data file '{location}' {e.Message}");
        }

        var needed = TensorBytes.Needed(tensor, source);
        if (needed is long bytes && length is long declared && declared != bytes)
        {
            throw TensorData.Error(source, tensor,
                $"external data '{location}' declares length {declared} but its shape [{string.Join(",", tensor.Dims)}] of {TensorBytes.TypeName(tensor)} needs {bytes} bytes (raw_data size does not match)");
        }

        var count = needed ?? length ?? throw TensorData.Error(source, tensor,
            $"external data '{location}' gives no length and its element type {TensorBytes.TypeName(tensor)} has no fixed size");
        var fileLength = new FileInfo(path).Length;
        if (offset > fileLength || count > fileLength - offset)
        {
            throw TensorData.Error(source, tensor, $"external data '{location}' offset {offset} length {count} runs past the end of the file ({fileLength} bytes)");
        }

        if (count > Array.MaxLength)
        {
            throw TensorData.Error(source, tensor, $"external data '{location}' is larger than this tool can load ({count} bytes)");
        }

        return new ExternalRange(tensor, location, path, offset, (int)count);
    }

    // A model file is untrusted input: a location must not reach files outside the model's own folder.
    private static string InsideFolder(TensorProto tensor, string location, string baseDirectory, string source)
    {
        var segments = location.Split('/', '\\');
        if (System.IO.Path.IsPathRooted(location) || location.Contains(':', StringComparison.Ordinal) || location.Contains('\0', StringComparison.Ordinal) || segments.Contains(".."))
        {
            throw TensorData.Error(source, tensor, $"external data location '{location}' leaves the model's folder; only relative paths inside it are allowed");
        }

        var root = System.IO.Path.GetFullPath(baseDirectory);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, System.IO.Path.Combine(segments)));
        var rootWithSeparator = System.IO.Path.EndsInDirectorySeparator(root) ? root : root + System.IO.Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw TensorData.Error(source, tensor, $"external data location '{location}' leaves the model's folder; only relative paths inside it are allowed");
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw TensorData.Error(source, tensor, $"external data file '{location}' does not exist");
        }

        return full;
    }

    private static long ParseNumber(TensorProto tensor, StringStringEntryProto entry, string source)
    {
        if (!long.TryParse(entry.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw TensorData.Error(source, tensor, $"external data {entry.Key} '{entry.Value}' is not a non-negative integer");
        }

        return value;
    }
}
