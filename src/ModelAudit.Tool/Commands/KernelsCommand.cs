using System.CommandLine;
using ModelAudit.Core;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;
using ModelAudit.Tool.Options;
using Spectre.Console;

namespace ModelAudit.Tool.Commands;

/// <summary>`modelaudit kernels MODEL --out FILE.png`: the first convolution's filters as tiles.</summary>
internal static class KernelsCommand
{
    public static Command Create()
    {
        var model = CommonArguments.Model();
        var layer = new Option<string?>("--layer") { Description = "A Conv node or its output value (default: the first Conv)" };
        var output = new Option<string>("--out") { Description = "The PNG file to write", Required = true };
        var command = new Command("kernels", "Draw a convolution's weights as small RGB (or grey) tiles") { model, layer, output };
        command.SetAction(parse =>
        {
            var onnx = ModelFiles.Load(parse.GetValue(model)!);
            var (node, filters, grid) = KernelTiles.RenderGrid(onnx, parse.GetValue(layer));
            var file = parse.GetValue(output)!;
            PngEncoder.Save(grid, file);
            AnsiConsole.MarkupLine($"{filters} filters of [bold]{Markup.Escape(node.DisplayName)}[/] written to [bold]{Markup.Escape(file)}[/]");
            return (int)ExitCode.Success;
        });
        return command;
    }
}
