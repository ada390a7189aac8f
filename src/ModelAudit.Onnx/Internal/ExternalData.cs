using Google.Protobuf;
using Microsoft.Win32.SafeHandles;
using ModelAudit.IO;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>
/// Moves tensors stored in external files (data_location = EXTERNAL) into the model, so the model is
/// self-contained afterwards. Locations must stay inside the model's folder. Every range is checked
/// against the tensor's shape and the file's size before anything is read, and only the bytes a tensor
/// needs are read (by offset), so a huge or sparse data file costs nothing it does not hold for us.
/// </summary>
internal static class ExternalData
{
    /// <summary>A model whose weights are inlined must still serialize as one protobuf message.</summary>
    private const long MaxTotalBytes = int.MaxValue;

    public static void Resolve(ModelProto model, string? baseDirectory, string source)
    {
        if (model.Graph is null)
        {
            return;
        }

        var ranges = new List<ExternalRange>();
        long total = 0;
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

            var range = ExternalRange.Read(tensor, baseDirectory, source);
            total += range.Length;
            if (total > MaxTotalBytes)
            {
                throw TensorData.Error(source, tensor, $"brings the model's external data to more than {BoundedFile.Describe(MaxTotalBytes + 1)}, more than one model can hold in memory");
            }

            ranges.Add(range);
        }

        foreach (var range in ranges)
        {
            range.Tensor.RawData = UnsafeByteOperations.UnsafeWrap(ReadRange(range, source));
            range.Tensor.ExternalData.Clear();
            range.Tensor.ClearDataLocation();
        }
    }

    private static byte[] ReadRange(ExternalRange range, string source)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(range.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[range.Length];
            var done = 0;
            while (done < buffer.Length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(done), range.Offset + done);
                if (read == 0)
                {
                    throw TensorData.Error(source, range.Tensor, $"external data '{range.Location}' ended early: the file shrank while it was read");
                }

                done += read;
            }

            return buffer;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException(source, $"tensor '{range.Tensor.Name}' external data '{range.Location}' cannot be read: {ex.Message}", ex);
        }
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
