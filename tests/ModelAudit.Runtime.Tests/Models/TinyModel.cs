namespace ModelAudit.Runtime.Tests.Models;

/// <summary>
/// Builds a small ONNX ModelProto (IR 8, opset 13) field by field. Dimensions are longs (fixed) or strings (symbolic).
/// </summary>
internal sealed class TinyModel
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Double = 11;

    private readonly List<Action<ProtoWriter>> _graph = [];
    private readonly List<(string Key, string Value)> _metadata = [];
    private string? _producer;

    public TinyModel Input(string name, params object[] dims) => TypedInput(name, Float, dims);

    public TinyModel TypedInput(string name, int elementType, params object[] dims)
    {
        _graph.Add(g => g.Message(11, v => ValueInfo(v, name, elementType, dims)));
        return this;
    }

    public TinyModel Output(string name, params object[] dims) => TypedOutput(name, Float, dims);

    public TinyModel TypedOutput(string name, int elementType, params object[] dims)
    {
        _graph.Add(g => g.Message(12, v => ValueInfo(v, name, elementType, dims)));
        return this;
    }

    public TinyModel Node(string opType, string[] inputs, string[] outputs, params Action<ProtoWriter>[] attributes)
    {
        _graph.Add(g => g.Message(1, n =>
        {
            foreach (var input in inputs)
            {
                n.String(1, input);
            }

            foreach (var output in outputs)
            {
                n.String(2, output);
            }

            n.String(3, $"{opType}_{outputs[0]}").String(4, opType);
            foreach (var attribute in attributes)
            {
                n.Message(5, attribute);
            }
        }));
        return this;
    }

    public TinyModel Initializer(string name, float[] data, params long[] dims)
    {
        _graph.Add(g => g.Message(5, t =>
        {
            foreach (var d in dims)
            {
                t.Varint(1, d);
            }

            t.Varint(2, Float).PackedFloats(4, data).String(8, name);
        }));
        return this;
    }

    public TinyModel Producer(string name)
    {
        _producer = name;
        return this;
    }

    public TinyModel Metadata(string key, string value)
    {
        _metadata.Add((key, value));
        return this;
    }

    public static Action<ProtoWriter> IntAttribute(string name, long value) =>
        a => a.String(1, name).Varint(3, value).Varint(20, 2);

    public byte[] Build()
    {
        var model = new ProtoWriter().Varint(1, 8);
        if (_producer is not null)
        {
            model.String(2, _producer);
        }

        model.Message(7, g =>
        {
            g.String(2, "tiny");
            foreach (var part in _graph)
            {
                part(g);
            }
        });
        model.Message(8, o => o.String(1, string.Empty).Varint(2, 13));
        foreach (var (key, value) in _metadata)
        {
            model.Message(14, m => m.String(1, key).String(2, value));
        }

        return model.ToArray();
    }

    private static void ValueInfo(ProtoWriter v, string name, int elementType, object[] dims)
    {
        v.String(1, name).Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elementType);
            tensor.Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>
                    {
                        if (dim is string symbol)
                        {
                            d.String(2, symbol);
                        }
                        else
                        {
                            d.Varint(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    });
                }
            });
        }));
    }
}
