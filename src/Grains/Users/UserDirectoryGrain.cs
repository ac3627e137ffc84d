namespace HotlineDispatch.Users;

public sealed class UserDirectoryGrain(
    [PersistentState("users", StorageNames.Hotline)] IPersistentState<List<UserAccount>> users)
    : Grain, IUserDirectoryGrain
{
    public Task<IReadOnlyList<UserAccount>> List() => Task.FromResult<IReadOnlyList<UserAccount>>(users.State.ToList());

    public Task Save(UserAccount user)
    {
        var kept = users.State.FirstOrDefault(u => u.Name == user.Name)?.Id ?? $"u-{Guid.NewGuid():N}";
        return Write(users.State.Where(u => u.Name != user.Name).Append(user with { Id = kept }).ToList());
    }

    public async Task<bool> Remove(string name)
    {
        if (users.State.All(u => u.Name != name))
        {
            return false;
        }

        await Write(users.State.Where(u => u.Name != name).ToList());
        return true;
    }

    private async Task Write(List<UserAccount> changed)
    {
        var previous = users.State;
        users.State = changed;
        try
        {
            await users.WriteStateAsync();
        }
        catch
        {
            // Unsaved users must not sign in.
            users.State = previous;
            throw;
        }
    }
}
