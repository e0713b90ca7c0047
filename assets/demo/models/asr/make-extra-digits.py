# Extra digit-string training speech for the demo ASR model: espeak-ng with TRAIN variants only (never the
# demo's held-out m6, f2, klatt4, shelby, whisper), same processing as scripts/demo/synth.ts.
# usage: python3 make-extra-digits.py OUTDIR SEED N [--speed LO HI] [--pitch LO HI] [--gap LO HI] [--digits LO HI]
#        [--variants V1,V2] [--texts FILE]
# Defaults are the corpus's ranges (the first demo model's 700 strings: OUTDIR 1 700 with no options).
import argparse, os, random, subprocess
p = argparse.ArgumentParser()
p.add_argument('out'); p.add_argument('seed', type=int); p.add_argument('n', type=int)
p.add_argument('--speed', type=int, nargs=2, default=[120, 200], help='espeak-ng words per minute')
p.add_argument('--pitch', type=int, nargs=2, default=[30, 70], help='espeak-ng pitch 0..99')
p.add_argument('--gap', type=int, nargs=2, default=[0, 2], help='espeak-ng word gap (10 ms units)')
p.add_argument('--digits', type=int, nargs=2, default=[1, 7], help='digits per string')
p.add_argument('--variants', help='comma-separated subset of the training variants (e.g. whisperf); default all')
p.add_argument('--texts', help='speak random lines of this file (e.g. the training split\'s sentences) instead of digits')
a = p.parse_args()
random.seed(a.seed)
texts = [l.strip() for l in open(a.texts) if l.strip()] if a.texts else None
words = ['zero','one','two','three','four','five','six','seven','eight','nine']
bases = ['en-us','en-gb','en-gb-scotland','en-gb-x-rp','en-gb-x-gbclan','en-gb-x-gbcwmd','en-029','en-us-nyc']
variants = ['m1','m2','m3','m4','m5','m7','m8','f1','f3','f4','f5']*2 + ['klatt','klatt2','klatt3','klatt5','klatt6'] + ['Alex','Andy','Annie','adam','aunty','belinda','benjamin','boris','david','edward','grandma','grandpa','iven','john','linda','max','michel','norbert','paul','quincy','rob','robert','steph','travis','victor','zac','Denis','Hugo','Lee','Mario','Michael','Jacky','croak','whisperf']
assert not {'m6', 'f2', 'klatt4', 'shelby', 'whisper'} & set(variants), 'a held-out test variant in the training list'
if a.variants:
    chosen = a.variants.split(',')
    assert set(chosen) <= set(variants), f'not training variants: {set(chosen) - set(variants)}'
    variants = chosen
os.makedirs(a.out, exist_ok=True)
for i in range(a.n):
    text = random.choice(texts) if texts else ' '.join(random.choice(words) for _ in range(random.randint(*a.digits)))
    voice = random.choice(bases) + '+' + random.choice(variants)
    stem = os.path.join(a.out, f'x{a.seed}_{i:05d}')
    tmp = stem + '.tmp.wav'
    subprocess.run(['espeak-ng','-b','1','-v',voice,'-s',str(random.randint(*a.speed)),'-p',str(random.randint(*a.pitch)),'-g',str(random.randint(*a.gap)),'-w',tmp,text],check=True,stderr=subprocess.DEVNULL)
    peak = random.uniform(-30,-4)
    subprocess.run(['sox','-D',tmp,'-b','16',stem+'.flac','norm','-1','silence','1','0.01','-50d','reverse','silence','1','0.01','-50d','reverse','rate','-v','16000','channels','1','norm',f'{peak:.1f}'],check=True)
    os.remove(tmp)
    open(stem+'.txt','w').write(text+'\n')
