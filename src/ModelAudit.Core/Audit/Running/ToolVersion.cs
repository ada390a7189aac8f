using System.Reflection;

namespace ModelAudit.Core.Audit.Running;

/// <summary>The product version recorded in results.json, from the assembly's informational version.</summary>
public static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
