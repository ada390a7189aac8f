using System.CommandLine;

namespace ModelAudit.Tool.Options;

/// <summary>The positional arguments the commands share, so every command describes them the same way.</summary>
internal static class CommonArguments
{
    public static Argument<string> Model() => new("model") { Description = "The .onnx model file" };

    public static Argument<string[]> Images() =>
        new("images") { Description = "Image files (PNG, JPEG, BMP)", Arity = ArgumentArity.OneOrMore };
}
