package dev.preflight.check.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git state of a project folder, read once with JGit for the git checks. Paths are relative to
 * the project folder (which may sit below the repository's root). No repository is a state, not
 * an error.
 */
public record GitState(boolean repository, String branch, String head, List<String> untracked, List<String> unstaged,
                       List<String> staged, List<String> tracked, String error) {

    public static GitState none(String why) {
        return new GitState(false, null, null, List.of(), List.of(), List.of(), List.of(), why);
    }

    public static GitState read(Path projectRoot) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(projectRoot.toFile());
        if (builder.getGitDir() == null) {
            return none("no git repository at or above " + projectRoot);
        }
        try (Repository repo = builder.build(); Git git = new Git(repo)) {
            Path workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
            String prefix = workTree.relativize(projectRoot.toAbsolutePath().normalize()).toString().replace('\\', '/');
            String slash = prefix.isEmpty() ? "" : prefix + "/";
            var status = git.status();
            if (!prefix.isEmpty()) {
                status.addPath(prefix);
            }
            Status s = status.call();
            List<String> tracked = new ArrayList<>();
            DirCache index = repo.readDirCache();
            for (int i = 0; i < index.getEntryCount(); i++) {
                String p = index.getEntry(i).getPathString();
                if (p.startsWith(slash)) {
                    tracked.add(p.substring(slash.length()));
                }
            }
            ObjectId head = repo.resolve("HEAD");
            return new GitState(true, repo.getBranch(), head == null ? null : head.abbreviate(7).name(),
                    relative(slash, s.getUntracked()), relative(slash, union(s.getModified(), s.getMissing())),
                    relative(slash, union(s.getAdded(), s.getChanged(), s.getRemoved())), tracked, null);
        } catch (IOException | GitAPIException | RuntimeException e) {
            return none("cannot read the git repository: " + e.getMessage());
        }
    }

    @SafeVarargs
    private static TreeSet<String> union(java.util.Set<String>... sets) {
        TreeSet<String> out = new TreeSet<>();
        for (var s : sets) {
            out.addAll(s);
        }
        return out;
    }

    private static List<String> relative(String prefix, java.util.Collection<String> paths) {
        return paths.stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length())).sorted().toList();
    }

    /** An uncommitted file and why: untracked, modified but not staged, or staged but not committed. */
    public record Uncommitted(String path, String state) {
        @Override
        public String toString() {
            return path + " (" + state + ")";
        }
    }

    /** Every uncommitted file the predicate selects. */
    public List<Uncommitted> uncommitted(java.util.function.Predicate<String> which) {
        List<Uncommitted> out = new ArrayList<>();
        untracked.stream().filter(which).forEach(p -> out.add(new Uncommitted(p, "untracked")));
        unstaged.stream().filter(which).forEach(p -> out.add(new Uncommitted(p, "modified, not staged")));
        staged.stream().filter(which).filter(p -> !unstaged.contains(p)).forEach(p -> out.add(new Uncommitted(p, "staged, not committed")));
        return out;
    }
}
