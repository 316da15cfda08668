package dev.asp.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time from /proc: the server's JVM (utime+stime of /proc/PID/stat), PostgreSQL's processes
 * (every process named postgres: all databases, so other users' load is in it), this generator,
 * and the whole machine (/proc/stat). Figures are in seconds; divided by wall seconds they are
 * "cores busy".
 */
final class CpuMeter {
    static final double TICK = clockTick();

    record Sample(long wallNs, double server, double postgres, double generator, double machineBusy, double machineTotal) {
    }

    private final int serverPid;

    CpuMeter(int serverPid) {
        this.serverPid = serverPid;
    }

    Sample sample() {
        double[] machine = machine();
        return new Sample(System.nanoTime(), serverPid > 0 ? processSeconds(serverPid) : Double.NaN, postgres(), generator(), machine[0], machine[1]);
    }

    static double generator() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return processSeconds((int) ProcessHandle.current().pid());
    }

    /** utime + stime of a process, in seconds; NaN if it is gone. */
    static double processSeconds(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // comm may hold spaces: fields count from after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            // f[0] is field 3 (state); utime is field 14, stime field 15.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double postgres() {
        double sum = 0;
        for (int pid : pidsNamed("postgres")) {
            double s = processSeconds(pid);
            if (!Double.isNaN(s)) {
                sum += s;
            }
        }
        return sum;
    }

    static List<Integer> pidsNamed(String comm) {
        List<Integer> out = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals(comm)) {
                        out.add(Integer.parseInt(n));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return out;
    }

    /** {busy, total} seconds of all cores since boot. */
    static double[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split(" +");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new double[] {(total - idle) / TICK, total / TICK};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /**
     * The Liberty JVM serving {@code serverDir}: a java process whose working directory is that
     * directory (Liberty's server script starts the JVM there). 0 if none is found.
     */
    static int findServer(Path serverDir) {
        Path want;
        try {
            want = serverDir.toRealPath();
        } catch (IOException e) {
            return 0;
        }
        for (int pid : pidsNamed("java")) {
            try {
                if (Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")).equals(want)) {
                    return pid;
                }
            } catch (IOException | RuntimeException e) {
                // not ours to read, or gone
            }
        }
        return 0;
    }

    private static double clockTick() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException | InterruptedException e) {
            return 100;
        }
    }
}
