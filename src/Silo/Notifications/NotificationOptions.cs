namespace HotlineDispatch.Silo.Notifications;

/// <summary><c>Hotline:Notifications</c>: how staff notices are gathered and when a waiting request is worth one (docs/domain.md §11).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Hotline:Notifications";

    /// <summary>Non-urgent notices to one contact within this window go out as one message at its end.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A request in a cell's inbox waiting longer than this is told to the cell's contacts, once.</summary>
    public TimeSpan InboxWaiting { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the inboxes of cells with contacts are looked at.</summary>
    public TimeSpan InboxSweep { get; set; } = TimeSpan.FromMinutes(1);
}
