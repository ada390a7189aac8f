using System.Security.Cryptography;
using Google.Protobuf;
using ModelAudit.IO;
using ModelAudit.Onnx.Internal;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx;

/// <summary>An ONNX model loaded into memory, checked for basic integrity, with external data resolved.</summary>
public sealed class OnnxModel
{
    private readonly ModelProto proto;
    private readonly Dictionary<string, long> opsets;

    private OnnxModel(ModelProto proto, string sourceName, string sha256)
    {
        this.proto = proto;
        SourceName = sourceName;
        Sha256 = sha256;
        opsets = ReadOpsets(proto, sourceName);
        GraphOrder.Validate(proto.Graph, sourceName);
        foreach (var node in proto.Graph.Node)
        {
            if (!opsets.ContainsKey(NormalizeDomain(node.Domain)))
            {
                throw new OnnxFormatException(sourceName, $"node '{GraphOrder.DisplayName(node)}' uses domain '{node.Domain}', which the model imports no opset for");
            }
        }

        Graph = new OnnxGraph(proto.Graph, domain => OpsetOf(domain), sourceName);
        Metadata = proto.MetadataProps.GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
    }

    /// <summary>The file path, or the name given to <see cref="Parse"/>; used in every error message.</summary>
    public string SourceName { get; }

    /// <summary>Lower-case hex SHA-256 of the model file's bytes (external data not included).</summary>
    public string Sha256 { get; }

    public OnnxGraph Graph { get; }

    public IReadOnlyDictionary<string, long> Opsets => opsets;

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public string? ProducerName => proto.HasProducerName ? proto.ProducerName : null;

    internal ModelProto Proto => proto;

    /// <summary>Protobuf's limit for one message: no valid model file is larger.</summary>
    public const long MaxFileBytes = int.MaxValue;

    public static OnnxModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAll(path, MaxFileBytes, "ONNX keeps larger models' weights in external data files");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException(path, ex is BoundedFileException ? ex.Message : $"cannot read the file: {ex.Message}", ex);
        }

        return Parse(bytes, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Reads a model from memory; external data is looked up in <paramref name="baseDirectory"/>.</summary>
    public static OnnxModel Parse(byte[] bytes, string sourceName, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sourceName);
        var proto = ModelReader.Read(bytes, sourceName);
        ExternalData.Resolve(proto, baseDirectory, sourceName);
        return new OnnxModel(proto, sourceName, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    public long OpsetOf(string domain = "") => opsets.GetValueOrDefault(NormalizeDomain(domain));

    /// <summary>A copy of this model that also returns the given values (any node output, input or constant).</summary>
    public OnnxModel WithOutputs(IEnumerable<string> valueNames)
    {
        ArgumentNullException.ThrowIfNull(valueNames);
        var copy = proto.Clone();
        var graph = copy.Graph;
        var existing = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in valueNames)
        {
            if (!Graph.HasValue(name))
            {
                throw new ArgumentException($"{SourceName}: the graph has no value named '{name}'", nameof(valueNames));
            }

            if (existing.Add(name))
            {
                graph.Output.Add(OutputInfo(graph, name));
            }
        }

        return Edited(copy);
    }

    /// <summary>
    /// A copy of this model that returns only the given node outputs and keeps only the nodes and weights they need:
    /// a session over a model's first layers opens in a fraction of the time of one over the whole network.
    /// </summary>
    public OnnxModel Truncated(IEnumerable<string> valueNames)
    {
        ArgumentNullException.ThrowIfNull(valueNames);
        var copy = proto.Clone();
        var graph = copy.Graph;
        graph.Output.Clear();
        foreach (var name in valueNames.Distinct(StringComparer.Ordinal))
        {
            if (Graph.Producer(name) is null)
            {
                throw new ArgumentException($"{SourceName}: no node computes a value named '{name}'", nameof(valueNames));
            }

            graph.Output.Add(OutputInfo(graph, name));
        }

        Editing.LiveGraph.Prune(graph);
        return Edited(copy);
    }

    /// <summary>An edited copy of this model's proto as a model of its own: same source name, its own hash.</summary>
    private OnnxModel Edited(ModelProto copy) =>
        new(copy, SourceName, Convert.ToHexStringLower(SHA256.HashData(copy.ToByteArray())));

    /// <summary>The model serialized with all tensor data inline.</summary>
    public byte[] ToBytes() => proto.ToByteArray();

    /// <summary>Writes the model next to its destination first and renames it, so a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temp, ToBytes());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static string NormalizeDomain(string domain) => domain == "ai.onnx" ? "" : domain;

    // Copies the declared type when the file has one; ONNX Runtime infers the rest for name-only outputs.
    private ValueInfoProto OutputInfo(GraphProto graph, string name)
    {
        var declared = graph.ValueInfo.Concat(graph.Input).FirstOrDefault(v => v.Name == name && v.Type is not null);
        if (declared is not null)
        {
            return declared.Clone();
        }

        var info = new ValueInfoProto { Name = name };
        if (Graph.TryGetConstant(name, out var constant))
        {
            info.Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)constant.DataType } };
        }

        return info;
    }

    private static Dictionary<string, long> ReadOpsets(ModelProto proto, string source)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var import in proto.OpsetImport)
        {
            result[NormalizeDomain(import.Domain)] = import.Version;
        }

        // IR version 1 and 2 files predate opset_import and mean opset 1 of the default domain.
        if (result.Count == 0 && proto.IrVersion < 3)
        {
            result[""] = 1;
        }

        if (result.Count == 0)
        {
            throw new OnnxFormatException(source, "the model imports no operator set");
        }

        return result;
    }
}
