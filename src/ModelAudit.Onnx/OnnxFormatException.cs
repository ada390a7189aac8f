namespace ModelAudit.Onnx;

/// <summary>A model file that is not a readable, consistent ONNX model. The message names the file.</summary>
public sealed class OnnxFormatException : Exception
{
    public OnnxFormatException()
        : this("(unknown)", "invalid ONNX model")
    {
    }

    public OnnxFormatException(string message)
        : this("(unknown)", message)
    {
    }

    public OnnxFormatException(string message, Exception innerException)
        : this("(unknown)", message, innerException)
    {
    }

    public OnnxFormatException(string source, string problem, Exception? innerException = null)
        : base($"{source}: {problem}", innerException)
    {
        Source = source;
        Problem = problem;
        base.Source = source;
    }

    /// <summary>The file (or name given to <see cref="OnnxModel.Parse"/>) the problem was found in.</summary>
    public new string Source { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
