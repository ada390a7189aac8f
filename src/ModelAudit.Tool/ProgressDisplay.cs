using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.IO;
using Spectre.Console;

namespace ModelAudit.Tool;

/// <summary>A Spectre.Console progress bar on an interactive terminal; plain lines in logs (CI, MSBuild, pipes).</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(bool plain, Func<IProgress<AuditProgress>, T> work)
    {
        if (plain)
        {
            return work(new PlainProgress());
        }

        T result = default!;
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            result = work(new SynchronousProgress(p =>
            {
                if (!tasks.TryGetValue(p.Model, out var task))
                {
                    task = tasks[p.Model] = context.AddTask(Markup.Escape(PrintableText.Escape(p.Model)), maxValue: Math.Max(1, p.Total));
                }

                task.Value = p.Done;
            }));
        });
        return result;
    }

    private sealed class PlainProgress : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) =>
            Console.Out.WriteLine($"modelaudit: {PrintableText.Escape(value.Model)}: {value.Done}/{value.Total} image(s) analysed");
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the display).</summary>
    private sealed class SynchronousProgress(Action<AuditProgress> report) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => report(value);
    }
}
