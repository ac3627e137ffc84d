namespace HotlineDispatch.Routing;

/// <summary>The <c>Hotline:Routing</c> settings (README, "Routing").</summary>
public sealed class RoutingOptions
{
    /// <summary>Where trained models are cached, one folder per version; <c>&lt;DataDir&gt;/routing</c> unless configured.</summary>
    public string ModelDirectory { get; set; } = "./data/routing";

    /// <summary>Intake dispatches by itself when the first suggestion's confidence reaches this; null (the default) never does.</summary>
    public double? AutoDispatchAbove { get; set; }

    /// <summary>
    /// How long intake waits for the model while it is still being trained (first start): a ticket is
    /// never held up for longer, it is accepted without suggestions (urgency is still detected).
    /// </summary>
    public TimeSpan IntakeWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far back an open ticket of the same cell can be a duplicate of a new one.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Text similarity (0–1) from which two reports count as the same incident.</summary>
    public double SimilarAbove { get; set; } = 0.25;

    /// <summary>A surge: this many similar reports in one cell within <see cref="SurgeWindow"/>.</summary>
    public int SurgeReports { get; set; } = 5;

    public TimeSpan SurgeWindow { get; set; } = TimeSpan.FromHours(1);
}
