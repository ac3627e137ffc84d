namespace HotlineDispatch.Residents;

/// <summary>
/// What answering one resident message has decided so far (a reserved number, the ticket a survey answer
/// goes to), kept durably, so a retry after a crash repeats the same decision instead of making another.
/// </summary>
public interface IExchangeMemory
{
    /// <summary>The value decided earlier under <paramref name="key"/>, or <paramref name="decide"/>'s, stored before it is returned.</summary>
    Task<string> Once(string key, Func<Task<string>> decide);
}
