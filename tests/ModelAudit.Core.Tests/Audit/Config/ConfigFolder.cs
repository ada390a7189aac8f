using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Config;

/// <summary>A temporary project folder with a model and two images (the loader only checks that they exist).</summary>
internal sealed class ConfigFolder : IDisposable
{
    private readonly TempDir _temp = new();

    public ConfigFolder()
    {
        Write("models/m.onnx", "not really a model");
        Write("images/a.png", "a");
        Write("images/b.png", "b");
    }

    public string Root => _temp.Path;

    public string ConfigPath => File("modelaudit.json");

    public string File(string relative) => Path.GetFullPath(Path.Combine(_temp.Path, relative));

    public string Write(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string WriteConfig(string json) => Write("modelaudit.json", json);

    public void Dispose() => _temp.Dispose();
}
