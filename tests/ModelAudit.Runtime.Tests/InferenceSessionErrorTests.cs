using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests;

public class InferenceSessionErrorTests
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private static InferenceSession OpenAdd() => InferenceSession.Open(
        new TinyModel().Input("a", 2, 3).Input("b", 2, 3).Output("y", 2, 3).Node("Add", ["a", "b"], ["y"]).Build(),
        "add.onnx",
        Cpu);

    [Fact]
    public void Open_BytesThatAreNotAModel_CarriesOrtMessageAndCode()
    {
        var error = Assert.Throws<OrtException>(() => InferenceSession.Open("not a model at all"u8.ToArray(), "corrupt.onnx", Cpu));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
        Assert.StartsWith("Loading model corrupt.onnx: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("protobuf parsing failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingFile_NamesTheFile()
    {
        using var dir = new TestSupport.TempDir();
        var path = dir.File("absent.onnx");

        var error = Assert.Throws<OrtException>(() => InferenceSession.Open(path, Cpu));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptFile_NamesTheFile()
    {
        using var dir = new TestSupport.TempDir();
        var path = dir.File("garbage.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);

        var error = Assert.Throws<OrtException>(() => InferenceSession.Open(path, Cpu));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.NotEqual(OrtErrorCode.Ok, error.Code);
    }

    [Fact]
    public void Run_WrongInputName_NamesItAndTheExpectedInputs()
    {
        using var session = OpenAdd();

        var error = Assert.Throws<OrtException>(() => session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new(new float[6], 2, 3), ["c"] = new(new float[6], 2, 3) }, ["y"]));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
        Assert.Contains("add.onnx has no input 'c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b' [2,3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInput_NamesIt()
    {
        using var session = OpenAdd();

        var error = Assert.Throws<OrtException>(() => session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new(new float[6], 2, 3) }, ["y"]));

        Assert.Contains("'b' [2,3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongShape_NamesInputAndExpectedShape()
    {
        using var session = OpenAdd();

        var error = Assert.Throws<OrtException>(() => session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new(new float[6], 3, 2), ["b"] = new(new float[6], 2, 3) }, ["y"]));

        Assert.Equal("Input 'a' of add.onnx expects shape [2,3] but was given [3,2].", error.Message);
    }

    [Fact]
    public void Run_WrongRank_IsRejectedBeforeOrt()
    {
        using var session = OpenAdd();

        var error = Assert.Throws<OrtException>(() => session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new(new float[6], 6), ["b"] = new(new float[6], 2, 3) }, ["y"]));

        Assert.Contains("expects shape [2,3] but was given [6]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownOutput_NamesItAndTheOutputs()
    {
        using var session = OpenAdd();

        var error = Assert.Throws<OrtException>(() => session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new(new float[6], 2, 3), ["b"] = new(new float[6], 2, 3) }, ["z"]));

        Assert.Contains("has no output 'z'; its outputs are 'y' [2,3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ShapesOrtRejectsAtRunTime_CarriesOrtMessage()
    {
        // Each symbolic input passes our checks alone; Add cannot broadcast 2 rows against 3, which only ORT knows.
        var bytes = new TinyModel().Input("a", "A", 3).Input("b", "B", 3).Output("y", "Y", 3).Node("Add", ["a", "b"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "broadcast.onnx", Cpu);

        var error = Assert.Throws<OrtException>(() => session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new(new float[6], 2, 3), ["b"] = new(new float[9], 3, 3) }, ["y"]));

        Assert.StartsWith("Running broadcast.onnx: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("broadcast", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(OrtErrorCode.Ok, error.Code);
    }

    [Fact]
    public void Open_NegativeThreads_IsRejected()
    {
        var bytes = new TinyModel().Input("x", 1).Output("y", 1).Node("Relu", ["x"], ["y"]).Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => InferenceSession.Open(bytes, "t.onnx", Cpu with { IntraOpThreads = -1 }));
    }

    [Fact]
    public void FloatTensor_DataLengthDiffersFromShape_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new FloatTensor(new float[5], 2, 3));

        Assert.Contains("[2,3] holds 6 elements but the data has 5", error.Message, StringComparison.Ordinal);
    }
}
