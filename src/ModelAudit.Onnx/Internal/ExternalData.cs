using Google.Protobuf;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>
/// Moves tensors stored in external files (data_location = EXTERNAL) into the model, so the model is
/// self-contained afterwards. Locations must stay inside the model's folder.
/// </summary>
internal static class ExternalData
{
    public static void Resolve(ModelProto model, string? baseDirectory, string source)
    {
        if (model.Graph is null)
        {
            return;
        }

        foreach (var tensor in AllTensors(model.Graph))
        {
            if (tensor.DataLocation != TensorProto.Types.DataLocation.External)
            {
                continue;
            }

            if (baseDirectory is null)
            {
                throw TensorData.Error(source, tensor, "keeps its data in an external file, but no folder was given to find it in");
            }

            tensor.RawData = ByteString.CopyFrom(Read(tensor, baseDirectory, source));
            tensor.ExternalData.Clear();
            tensor.ClearDataLocation();
        }
    }

    private static byte[] Read(TensorProto tensor, string baseDirectory, string source)
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
        if (!File.Exists(path))
        {
            throw TensorData.Error(source, tensor, $"external data file '{location}' does not exist");
        }

        try
        {
            return ReadRange(tensor, location, path, offset, length, source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException(source, $"tensor '{tensor.Name}' external data '{location}' cannot be read: {ex.Message}", ex);
        }
    }

    private static byte[] ReadRange(TensorProto tensor, string location, string path, long offset, long? length, string source)
    {
        using var stream = File.OpenRead(path);
        var available = stream.Length - offset;
        var count = length ?? available;
        if (offset > stream.Length || count > available)
        {
            throw TensorData.Error(source, tensor, $"external data '{location}' offset {offset} length {count} runs past the end of the file ({stream.Length} bytes)");
        }

        if (count > Array.MaxLength)
        {
            throw TensorData.Error(source, tensor, $"external data '{location}' is larger than this tool can load ({count} bytes)");
        }

        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    // A model file is untrusted input: a location must not reach files outside the model's own folder.
    private static string InsideFolder(TensorProto tensor, string location, string baseDirectory, string source)
    {
        var segments = location.Split('/', '\\');
        if (Path.IsPathRooted(location) || location.Contains(':', StringComparison.Ordinal) || location.Contains('\0', StringComparison.Ordinal) || segments.Contains(".."))
        {
            throw TensorData.Error(source, tensor, $"external data location '{location}' leaves the model's folder; only relative paths inside it are allowed");
        }

        var root = Path.GetFullPath(baseDirectory);
        var full = Path.GetFullPath(Path.Combine(root, Path.Combine(segments)));
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw TensorData.Error(source, tensor, $"external data location '{location}' leaves the model's folder; only relative paths inside it are allowed");
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

    public static IEnumerable<TensorProto> AllTensors(GraphProto graph)
    {
        foreach (var init in graph.Initializer)
        {
            yield return init;
        }

        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.T is not null)
                {
                    yield return attribute.T;
                }

                foreach (var t in attribute.Tensors)
                {
                    yield return t;
                }

                var subgraphs = attribute.Graphs.AsEnumerable();
                if (attribute.G is not null)
                {
                    subgraphs = subgraphs.Append(attribute.G);
                }

                foreach (var sub in subgraphs)
                {
                    foreach (var t in AllTensors(sub))
                    {
                        yield return t;
                    }
                }
            }
        }
    }
}
