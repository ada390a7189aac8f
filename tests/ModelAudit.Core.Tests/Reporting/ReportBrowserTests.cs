using Microsoft.Playwright;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

/// <summary>report.html opened in real headless Chromium: what a reviewer sees, not what the template says.</summary>
public sealed class ReportBrowserTests
{
    private const string DefaultChromium = "/usr/bin/chromium";

    [BrowserFact]
    public async Task ReportHtml_InChromium_LoadsEveryImageOfflineAndDrawsTheCards()
    {
        using var temp = new TempDir();
        var report = ReportFixture.Build();
        new HtmlReportWriter().Write(report, temp.Path);
        var file = new Uri(temp.File("report.html")).AbsoluteUri;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium(),
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, DeviceScaleFactor = 1 });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(file, new() { WaitUntil = WaitUntilState.Load });

        var images = await page.EvaluateAsync<int[]>("() => Array.from(document.images).map(i => i.complete ? i.naturalWidth : -1)");
        Assert.Equal(14, images.Length);
        Assert.All(images, width => Assert.True(width > 0, $"an <img> did not load (naturalWidth {width})"));
        Assert.Empty(errors);
        Assert.All(requests, url => Assert.True(
            url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"the report made a network request: {url}"));
        Assert.Equal("ModelAudit: Failed", (await page.Locator(".verdict h1").InnerTextAsync()).Trim());

        // The first card passes, so it starts folded: a reviewer opens it by its summary.
        Assert.False(await page.Locator("details.card").First.EvaluateAsync<bool>("d => d.open"));
        await page.Locator("details.card > summary").First.ClickAsync();
        var shot = ImageDecoder.Decode(await page.ScreenshotAsync(new() { FullPage = true }), "screenshot");
        var card = await Box(page.Locator("details.card").First);
        Assert.True(LuminanceVariance(shot, card) > 200, "the first card rendered blank");

        // The first picture (blue with a white middle) is on screen where its <img> is, and the expected box
        // (pixels 8..24 x 6..18 of 32x24) is outlined over the same quarter of it.
        var picture = await Box(page.Locator("details.card img").First);
        AssertColor(shot, picture.X + (picture.Width * 0.08), picture.Y + (picture.Height * 0.08), (40, 60, 200));
        AssertColor(shot, picture.X + (picture.Width * 0.5), picture.Y + (picture.Height * 0.5), (255, 255, 255));
        var outline = await Box(page.Locator("details.card svg.regions polygon").First);
        // Chromium pads an SVG shape's box by its stroke and shadow, evenly: compare centers, and sizes loosely.
        Assert.InRange(outline.X + (outline.Width / 2), picture.X + (picture.Width * 0.5) - 2, picture.X + (picture.Width * 0.5) + 2);
        Assert.InRange(outline.Y + (outline.Height / 2), picture.Y + (picture.Height * 0.5) - 2, picture.Y + (picture.Height * 0.5) + 2);
        Assert.InRange(outline.Width, (picture.Width * 0.5) - 2, (picture.Width * 0.5) + 10);
        Assert.InRange(outline.Height, (picture.Height * 0.5) - 2, (picture.Height * 0.5) + 10);
    }

    [BrowserFact]
    public async Task FailingReport_At1400x900_ShowsTheFailingTableFirstAndEveryMapHasAColourBar()
    {
        using var temp = new TempDir();
        // 24 images, every third failing: the failing table must still sit in the first screen.
        var fixture = ReportFixture.Build();
        var shapes = fixture.Models[0];
        var images = Enumerable.Range(0, 24).Select(i => (i % 3 == 1 ? shapes.Images[1] : shapes.Images[0]) with
        {
            Path = $"images/{i:00}.png",
            Location = new SourceLocation(10 + i, 9),
        }).ToList();
        var findings = images.Where(i => !i.Passed)
            .Select(i => new Finding(Severity.Error, "MA1101", ReportFixture.ConfigPath, i.Location.Line, 9, $"shapes/{i.Path}: mass"))
            .Prepend(new Finding(Severity.Warning, "MA1108", ReportFixture.ConfigPath, 52, 16, "digits: layer 'features.3' has cells of 7x7 input pixels ..."))
            .ToList();
        // digits' entry starts on line 50, after shapes' 24 images.
        var report = fixture with { Models = [shapes with { Images = images }, fixture.Models[1] with { Location = new SourceLocation(50, 5) }], Findings = findings };
        new HtmlReportWriter().Write(report, temp.Path);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, DeviceScaleFactor = 1 });
        await page.GotoAsync(new Uri(temp.File("report.html")).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

        var table = await Box(page.Locator("section.failing"));
        Assert.True(table.Y + table.Height <= 900, $"the failing-images table ends at y={table.Y + table.Height}, below the first screen");
        Assert.Equal(8, await page.Locator("section.failing tbody tr").CountAsync());

        // Every link in the page (failing table, findings, indexes) lands on an element that exists.
        var missing = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('a[href^=\"#\"]')).map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))");
        Assert.Empty(missing);

        // Each finding links to what it is about: an image's finding to that image's card, a finding about the model
        // (MA1108 at digits' "layer" line, inside its entry) to that model, not to the first.
        var targets = await page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('details.findings a.where')).map(a => { const t = document.getElementById(a.getAttribute('href').slice(1)); "
            + "return [a.closest('li').querySelector('code').textContent, t ? t.tagName.toLowerCase() + '.' + t.classList[0] + '#' + t.id : 'missing']; })");
        Assert.Equal(9, targets.Length);
        Assert.Equal(["MA1108", "section.model#model-2"], targets[0]);
        Assert.All(targets.Skip(1), t => Assert.Equal("MA1101", t[0]));
        Assert.Equal(
            images.Select((image, i) => (image, i)).Where(x => !x.image.Passed).Select(x => $"details.card#model-1-image-{x.i + 1}"),
            targets.Skip(1).Select(t => t[1]));

        // Open every card; each figure row holding a map has a colour bar on screen with numbers.
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        var rows = page.Locator(".figures");
        var count = await rows.CountAsync();
        Assert.Equal(25, count);
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var bars = row.Locator("figure.colour-bar");
            Assert.True(await bars.CountAsync() >= 1, $"figure row {i} has no colour bar");
            var bar = await Box(bars.First);
            Assert.True(bar.Width > 20 && bar.Height > 90, $"colour bar {i} is {bar.Width}x{bar.Height}");
            Assert.Matches(@"^\d", (await bars.First.Locator(".ticks span").First.InnerTextAsync()).Trim());
        }

        // The failing card a failed check links to is open; following the link scrolls it into view.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.Locator("section.failing a.check-link").First.ClickAsync();
        var target = await Box(page.Locator("tr#model-1-image-2-relevance-mass"));
        Assert.InRange(target.Y, -2, 900);
    }

    [BrowserFact]
    public async Task PassingReport_At1400x900_VerdictPassedAndEveryCardFolded()
    {
        using var temp = new TempDir();
        var fixture = ReportFixture.Build();
        var shapes = fixture.Models[0];
        var passing = shapes.Images.Where(i => i.Passed).ToList();
        Assert.NotEmpty(passing);
        var report = fixture with { Models = [shapes with { Images = passing }, fixture.Models[1]], Findings = [] };
        new HtmlReportWriter().Write(report, temp.Path);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium(), Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, DeviceScaleFactor = 1 });
        await page.GotoAsync(new Uri(temp.File("report.html")).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

        Assert.Equal("ModelAudit: Passed", (await page.Locator(".verdict h1").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("section.failing").CountAsync());
        var open = await page.EvaluateAsync<bool[]>("() => Array.from(document.querySelectorAll('details.card')).map(d => d.open)");
        Assert.Equal(passing.Count + fixture.Models[1].Images.Count, open.Length);
        Assert.All(open, isOpen => Assert.False(isOpen, "a passing card starts open"));

        // Folded means folded on screen too: a card is no taller than its summary line.
        var card = await Box(page.Locator("details.card").First);
        Assert.True(card.Height < 120, $"a folded card is {card.Height} px tall");
    }

    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("MODELAUDIT_CHROMIUM") ?? DefaultChromium;
        Assert.True(
            File.Exists(path),
            $"Chromium is missing at {path}: install it (apt-get install -y chromium; .ci/run does) or set {BrowserFactAttribute.SkipVariable}=1 to skip this test.");
        return path;
    }

    private static async Task<LocatorBoundingBoxResult> Box(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible");

    private static double LuminanceVariance(Image shot, LocatorBoundingBoxResult box)
    {
        double sum = 0, squares = 0;
        var count = 0;
        for (var y = (int)box.Y; y < Math.Min(shot.Height, (int)(box.Y + box.Height)); y++)
        {
            for (var x = (int)box.X; x < Math.Min(shot.Width, (int)(box.X + box.Width)); x++)
            {
                var i = ((y * shot.Width) + x) * 4;
                var luminance = (0.299 * shot.Pixels[i]) + (0.587 * shot.Pixels[i + 1]) + (0.114 * shot.Pixels[i + 2]);
                sum += luminance;
                squares += luminance * luminance;
                count++;
            }
        }

        Assert.True(count > 1000, $"the card is only {count} pixels on screen");
        var mean = sum / count;
        return (squares / count) - (mean * mean);
    }

    private static void AssertColor(Image shot, double x, double y, (int R, int G, int B) expected)
    {
        var i = (((int)y * shot.Width) + (int)x) * 4;
        var actual = (shot.Pixels[i], shot.Pixels[i + 1], shot.Pixels[i + 2]);
        Assert.True(
            Math.Abs(actual.Item1 - expected.R) <= 12 && Math.Abs(actual.Item2 - expected.G) <= 12 && Math.Abs(actual.Item3 - expected.B) <= 12,
            $"pixel ({x:0},{y:0}) is {actual}, expected about {expected}");
    }
}
