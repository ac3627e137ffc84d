namespace HotlineDispatch;

/// <summary>
/// The service key of the dispatcher's own <see cref="TimeProvider"/>. Keyed, so tests can put the
/// deadlines on a fake clock without also stopping the clock Orleans' own machinery runs on.
/// </summary>
public static class HotlineTime
{
    public const string Key = "hotline";
}
