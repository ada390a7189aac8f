using System.Globalization;
using System.Text;
using System.Xml;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// junit.xml for CI test tabs: a testsuite per model, a testcase per image check (classname = model name,
/// name = "image: check id", so a check keeps its history across runs). Warnings pass with the message on
/// system-out; errors that belong to no check (a model that could not be analysed) get an "audit" suite so
/// the tab is never green while the gate is red.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    private const string AuditSuite = "audit";

    public string FileName => "junit.xml";

    public void Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.Write(Path.Combine(directory, FileName), Render(report));
    }

    internal static byte[] Render(AuditReport report)
    {
        var orphans = OrphanErrors(report);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "modelaudit");
            xml.WriteAttributeString("tests", Count(report.CheckCount + orphans.Count));
            xml.WriteAttributeString("failures", Count(report.FailedCheckCount + orphans.Count));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", "0");
            foreach (var model in report.Models)
            {
                WriteModel(xml, model);
            }

            if (orphans.Count > 0)
            {
                WriteOrphans(xml, orphans);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    /// <summary>Error findings that no failing check stands for (config, file or model problems).</summary>
    internal static IReadOnlyList<Finding> OrphanErrors(AuditReport report)
    {
        var checkCodes = report.Models
            .SelectMany(m => m.Images)
            .SelectMany(i => i.Checks)
            .Where(c => c.Status == CheckStatus.Fail)
            .Select(c => c.Code)
            .ToHashSet(StringComparer.Ordinal);
        return report.Findings.Where(f => f.Severity == Severity.Error && !checkCodes.Contains(f.Code)).ToList();
    }

    private static void WriteModel(XmlWriter xml, ModelResult model)
    {
        var checks = model.Images.Sum(i => i.Checks.Count);
        var failures = model.Images.Sum(i => i.Checks.Count(c => c.Status == CheckStatus.Fail));
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(model.Name));
        xml.WriteAttributeString("tests", Count(checks));
        xml.WriteAttributeString("failures", Count(failures));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", "0");
        foreach (var image in model.Images)
        {
            foreach (var check in image.Checks)
            {
                WriteCheck(xml, model, image, check);
            }
        }

        xml.WriteEndElement();
    }

    private static void WriteCheck(XmlWriter xml, ModelResult model, ImageResult image, CheckResult check)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", Clean(model.Name));
        xml.WriteAttributeString("name", Clean($"{image.Path}: {check.Id}"));
        xml.WriteAttributeString("time", "0");
        switch (check.Status)
        {
            case CheckStatus.Fail:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(check.Message));
                xml.WriteAttributeString("type", check.Code);
                xml.WriteString(Clean($"{check.Code}: {check.Message}"));
                xml.WriteEndElement();
                break;
            case CheckStatus.Warn:
                xml.WriteElementString("system-out", Clean($"warning {check.Code}: {check.Message}"));
                break;
            default:
                break;
        }

        xml.WriteEndElement();
    }

    private static void WriteOrphans(XmlWriter xml, IReadOnlyList<Finding> orphans)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", AuditSuite);
        xml.WriteAttributeString("tests", Count(orphans.Count));
        xml.WriteAttributeString("failures", Count(orphans.Count));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", "0");
        foreach (var finding in orphans)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", AuditSuite);
            xml.WriteAttributeString("name", Clean($"{finding.Code} at {Path.GetFileName(finding.File)}({Count(finding.Line)},{Count(finding.Column)})"));
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean(finding.Message));
            xml.WriteAttributeString("type", finding.Code);
            xml.WriteString(Clean(finding.ToCanonical()));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters at all, even escaped; a stray one in a file name must not
    // turn the whole report into an exception.
    internal static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
