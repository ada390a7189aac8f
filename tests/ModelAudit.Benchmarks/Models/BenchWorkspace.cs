namespace ModelAudit.Benchmarks.Models;

/// <summary>
/// The benchmark's files: one temporary folder per process holding the model (written once) and the JPEGs.
/// Benchmark classes are instantiated per case, so the files are shared through this static.
/// </summary>
internal static class BenchWorkspace
{
    private static readonly Lazy<string> Folder = new(CreateFolder);
    private static readonly Lazy<string> Model = new(WriteModel);

    public static string Path => Folder.Value;

    /// <summary>The ResNet-18-shaped model as a .onnx file.</summary>
    public static string ModelPath => Model.Value;

    public static string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder; safe to call when it was never created.</summary>
    public static void Delete()
    {
        if (Folder.IsValueCreated && Directory.Exists(Folder.Value))
        {
            Directory.Delete(Folder.Value, recursive: true);
        }
    }

    private static string CreateFolder()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelaudit-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string WriteModel()
    {
        var path = File("resnet18-random.onnx");
        System.IO.File.WriteAllBytes(path, ResNet18Model.Build());
        return path;
    }
}
