using ModelAudit.Runtime.Sessions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime;

/// <summary>
/// The outputs of one run as ONNX Runtime's own values, in the order asked for: nothing is copied until a
/// caller reads one (<see cref="ReadFloat"/>), and a value can be fed to another session as is. Disposing
/// releases every value not taken with <see cref="Take"/>.
/// </summary>
public sealed class SessionValues : IDisposable
{
    private readonly Ort.OrtValue?[] values;
    private readonly string displayName;

    internal SessionValues(IReadOnlyList<string> names, Ort.IDisposableReadOnlyCollection<Ort.OrtValue> outputs, string displayName)
    {
        Names = names.ToArray();
        values = outputs.ToArray();
        this.displayName = displayName;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => values.Length;

    /// <summary>The value of output <paramref name="index"/>, still owned by this collection.</summary>
    public Ort.OrtValue this[int index] => values[index] ?? throw new InvalidOperationException($"Output '{Names[index]}' was taken.");

    public Ort.OrtValue this[string name] => this[IndexOf(name)];

    /// <summary>The shape of output <paramref name="index"/>.</summary>
    public long[] Shape(int index) => this[index].GetTensorTypeAndShape().Shape;

    /// <summary>A float output's data in place (no copy); valid until this collection is disposed.</summary>
    public ReadOnlySpan<float> Floats(int index) => this[index].GetTensorDataAsSpan<float>();

    /// <summary>Copies output <paramref name="index"/> into a new <see cref="FloatTensor"/>, converting other element types.</summary>
    public FloatTensor ReadFloat(int index) => TensorValues.Read(this[index], Names[index], displayName);

    /// <summary>Copies every output, in order.</summary>
    public IReadOnlyList<FloatTensor> ReadAll() => Enumerable.Range(0, Count).Select(ReadFloat).ToList();

    /// <summary>Hands output <paramref name="index"/> to the caller, who then disposes it (e.g. after feeding it to another session).</summary>
    public Ort.OrtValue Take(int index)
    {
        var value = this[index];
        values[index] = null;
        return value;
    }

    /// <summary>Takes output <paramref name="index"/> and releases the rest: for a run whose one output feeds the next.</summary>
    public Ort.OrtValue TakeAndDispose(int index)
    {
        var value = Take(index);
        Dispose();
        return value;
    }

    public void Dispose()
    {
        // Not the ORT collection's Dispose: it would also release the values a caller took.
        for (var i = 0; i < values.Length; i++)
        {
            values[i]?.Dispose();
            values[i] = null;
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"{displayName}: no output '{name}' in this run; it returned {string.Join(", ", Names)}.");
    }
}
