using HotlineDispatch.Tests.Channels;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HotlineDispatch.Tests.Console;

/// <summary>
/// A dispatcher of its own process for each test and Debian's headless Chromium to drive its console
/// (<c>/usr/bin/chromium</c>, which test.sh installs); screenshots go under tests/HotlineDispatch.Tests/TestResults/console/.
/// </summary>
public abstract class ConsoleBrowserBase : IAsyncLifetime
{
    protected const string ChromiumPath = "/usr/bin/chromium";
    protected static readonly TimeSpan Live = TimeSpan.FromSeconds(45);

    protected string Screenshots { get; } = Path.Combine(ProjectDirectory(), "TestResults", "console");
    protected SiloProcess Silo { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing; ./test.sh installs Debian's chromium.");
        Directory.CreateDirectory(Screenshots);
        var settings = TestUsers.Settings().ToDictionary(s => s.Key, s => s.Value);
        settings["Hotline:DataDir"] = TestStorage.TempDirectory();
        settings["Hotline:Cluster:SiloPort"] = FreePorts.Next().ToString();
        settings["Hotline:Cluster:GatewayPort"] = FreePorts.Next().ToString();
        settings["Hotline:Calendar:AlwaysWorking"] = "true";
        settings["Hotline:Groups:BridgeSecret"] = ChannelsApiFactory.BridgeSecret;
        foreach (var (key, value) in TwilioTesting.Settings())
        {
            settings[key] = value;
        }

        Configure(settings);
        Silo = await SiloProcess.StartAsync(settings);
        // The suite runs other classes beside this one on two cores: give each expectation time, not the default 5 s.
        Assertions.SetDefaultExpectTimeout((float)Live.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-extensions", "--disable-sync"],
        });
    }

    /// <summary>Settings of a test class's own beyond the common ones.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Silo.DisposeAsync();
    }

    protected async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await _browser.NewContextAsync(options);
        // Clicks and navigations wait up to 30 s by default; the sign-in redirect once took longer under the full suite.
        context.SetDefaultTimeout((float)Live.TotalMilliseconds);
        return context;
    }

    protected async Task<IPage> SignIn(TestUser user, string expectedPage, string timezoneId = "Asia/Shanghai")
    {
        var context = await NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Silo.BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = timezoneId,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/login");
        await page.FillAsync("input[name=token]", user.Token);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"**/console/{expectedPage}");
        Assert.DoesNotContain(user.Token, page.Url, StringComparison.Ordinal);
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "hotline.console");
        Assert.True(cookie.HttpOnly && cookie.Secure, "The session cookie must be HttpOnly and Secure.");
        return page;
    }

    protected Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static string ProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HotlineDispatch.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
