namespace HotlineDispatch.Grid;

/// <summary>One resident chat group, keyed by <see cref="GridKeys.Group"/>.</summary>
[Alias("hotline.IChatGroupGrain")]
public interface IChatGroupGrain : IGrainWithStringKey
{
    /// <summary>Registers the group to a cell, or moves it to another.</summary>
    [Alias("Register")]
    Task<GroupRegistration> Register(string name, string gridCell);

    [Alias("GetRegistration")]
    Task<GroupRegistration?> GetRegistration();

    /// <summary>
    /// Takes a message of a registered group: chatter into the recent log only, a request also into
    /// the cell's inbox. An unregistered group keeps nothing; a message taken before changes nothing.
    /// </summary>
    [Alias("Receive")]
    Task<GroupDelivery> Receive(GroupMessage message);

    /// <summary>The recent log, oldest first.</summary>
    [Alias("RecentLog")]
    Task<IReadOnlyList<GroupLogEntry>> RecentLog();

    /// <summary>Drops the log's messages received before <paramref name="cutoff"/> (retention); answers how many.</summary>
    [Alias("ForgetBefore")]
    Task<int> ForgetBefore(DateTimeOffset cutoff);
}
