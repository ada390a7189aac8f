using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests;

public class InferenceSessionLifecycleTests
{
    private static readonly byte[] Relu = new TinyModel().Input("x", 2).Output("y", 2).Node("Relu", ["x"], ["y"]).Build();

    // Two intra-op threads make every live session own one pool thread, so a session that is not released shows up
    // in the process's thread count.
    private static readonly SessionSettings TwoThreads = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 2 };

    [Fact]
    public void Dispose_Twice_IsHarmless()
    {
        var session = InferenceSession.Open(Relu, "relu.onnx", TwoThreads);

        session.Dispose();
        session.Dispose();
    }

    [Fact]
    public void Run_AfterDispose_ThrowsObjectDisposed()
    {
        var session = InferenceSession.Open(Relu, "relu.onnx", TwoThreads);
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() =>
            session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([1, 2], 2) }, ["y"]));
    }

    [Fact]
    public void OpenRunDispose_ManyTimes_ReleasesNativeThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        CycleSessions(5);
        var before = NativeThreadCount();

        CycleSessions(60);

        Assert.InRange(NativeThreadCount(), 0, before + 4);
    }

    [Fact]
    public void Open_ManySessionsKeptOpen_ThreadCountGrows_ProvingTheLeakCheckCanFail()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var before = NativeThreadCount();
        var sessions = Enumerable.Range(0, 10).Select(_ => InferenceSession.Open(Relu, "relu.onnx", TwoThreads)).ToList();
        try
        {
            Assert.True(NativeThreadCount() >= before + 8, "live sessions should hold their pool threads");
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    private static void CycleSessions(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var session = InferenceSession.Open(Relu, "relu.onnx", TwoThreads);
            var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-1, i], 2) }, ["y"])[0];
            Assert.Equal(new float[] { 0, i }, y.Data);
        }
    }

    private static int NativeThreadCount() => Directory.GetDirectories("/proc/self/task").Length;
}
