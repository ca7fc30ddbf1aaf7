package org.hot86.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A new user-mode process: the program loaded into an {@link AddressSpace}, its kernel,
 * and the registers to start the CPU with. This is {@code execve} for hot86; the CPU glue
 * creates one and then runs the loop described in {@link LinuxKernel}.
 */
public final class UserProcess {
    private final LinuxKernel kernel;
    private final ElfLoader.Loaded loaded;

    private UserProcess(LinuxKernel kernel, ElfLoader.Loaded loaded) {
        this.kernel = kernel;
        this.loaded = loaded;
    }

    /**
     * Loads {@code program} (read from the host) with {@code argv} (argv[0] included) and
     * {@code env}. {@code hwcap} is AT_HWCAP: CPUID.01H:EDX of the emulated CPU.
     *
     * @throws ElfException if the file is not a static x86-64 executable
     * @throws IOException if it cannot be read
     */
    public static UserProcess create(Path program, List<String> argv, List<String> env, AddressSpace space,
            long hwcap, LinuxKernel.Options options) throws IOException {
        ElfImage img = ElfImage.parse(Files.readAllBytes(program));
        VirtualMemory vm = new VirtualMemory(space);
        byte[] random = new byte[16];
        if (options.hostRandom) {
            new java.security.SecureRandom().nextBytes(random);
        } else {
            // AT_RANDOM from a stream independent of getrandom's, so neither shifts the other.
            SplittableRandom r = new SplittableRandom(options.randomSeed ^ 0x41545f52414e44L);
            for (int i = 0; i < 16; i++) {
                random[i] = (byte) r.nextInt(256);
            }
        }
        options.exe(program);
        ElfLoader.Loaded loaded = ElfLoader.load(img, vm, new ElfLoader.Process(argv, env, program.toString(), random,
                hwcap, options.uid, options.uid, options.gid, options.gid));
        return new UserProcess(new LinuxKernel(vm, options), loaded);
    }

    public LinuxKernel kernel() {
        return kernel;
    }

    public ElfLoader.Loaded loaded() {
        return loaded;
    }

    /**
     * The registers at the first instruction, as Linux's {@code start_thread} leaves them:
     * RIP = entry, RSP = the initial stack, RFLAGS = 0x202 (IF), everything else 0
     * (RDX = 0: no function for the program to register with atexit).
     */
    public UserRegs initialRegs() {
        UserRegs r = new UserRegs();
        r.rip = loaded.entry();
        r.gpr[UserRegs.RSP] = loaded.rsp();
        r.rflags = 0x202;
        return r;
    }
}
