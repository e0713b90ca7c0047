# Extra digit-string training speech for the demo ASR model: espeak-ng with TRAIN variants only (never the
# demo's held-out m6, f2, klatt4, shelby, whisper), same processing as scripts/demo/synth.ts.
import random, subprocess, os, sys
random.seed(int(sys.argv[2]))
out = sys.argv[1]; n = int(sys.argv[3])
words = ['zero','one','two','three','four','five','six','seven','eight','nine']
bases = ['en-us','en-gb','en-gb-scotland','en-gb-x-rp','en-gb-x-gbclan','en-gb-x-gbcwmd','en-029','en-us-nyc']
variants = ['m1','m2','m3','m4','m5','m7','m8','f1','f3','f4','f5']*2 + ['klatt','klatt2','klatt3','klatt5','klatt6'] + ['Alex','Andy','Annie','adam','aunty','belinda','benjamin','boris','david','edward','grandma','grandpa','iven','john','linda','max','michel','norbert','paul','quincy','rob','robert','steph','travis','victor','zac','Denis','Hugo','Lee','Mario','Michael','Jacky','croak','whisperf']
for i in range(n):
    text = ' '.join(random.choice(words) for _ in range(random.randint(1, 7)))
    voice = random.choice(bases) + '+' + random.choice(variants)
    stem = os.path.join(out, f'x{sys.argv[2]}_{i:05d}')
    tmp = stem + '.tmp.wav'
    subprocess.run(['espeak-ng','-b','1','-v',voice,'-s',str(random.randint(120,200)),'-p',str(random.randint(30,70)),'-g',str(random.randint(0,2)),'-w',tmp,text],check=True,stderr=subprocess.DEVNULL)
    peak = random.uniform(-30,-4)
    subprocess.run(['sox','-D',tmp,'-b','16',stem+'.flac','norm','-1','silence','1','0.01','-50d','reverse','silence','1','0.01','-50d','reverse','rate','-v','16000','channels','1','norm',f'{peak:.1f}'],check=True)
    os.remove(tmp)
    open(stem+'.txt','w').write(text+'\n')
