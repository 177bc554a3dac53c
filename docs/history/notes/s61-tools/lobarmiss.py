import json,glob,os,sys
from collections import Counter,defaultdict
LV=sys.argv[1] if len(sys.argv)>1 else 'lobar'
dirs=glob.glob('s50/all/*-default')+glob.glob('s51/h7/*-default')+glob.glob('s51/h8/*-default')
dirs=[d for d in dirs if not any('/%d-'%s in d for s in range(65000,73000,1000))]+glob.glob('s51/t_f/*-default')
site=defaultdict(list)
for d in sorted(dirs):
  for bg in ('pa-crop','c3n-raised'):
    fjs=d+'/'+bg+'.json'
    if not os.path.exists(fjs): continue
    J=json.load(open(fjs))
    for ri,r in enumerate(J['rounds']):
      for i,c in enumerate(r['clots']):
        if c['level']!=LV or not c.get('visible_defect',True) or (len(sys.argv)>2 and c['side']!=sys.argv[2]): continue
        best=max([f['score'] for f in r['sweep_findings'] if i in f['truth']],default=0)
        key=(bg,tuple(c['center_voxel']),c['shape'][:4],round(c['truth_volume_mm3']))
        site[key].append((c['detected'],round(best,2),d.split('/')[-1][:6]+'r%d'%ri))
tot=Counter()
for k,v in sorted(site.items(),key=lambda kv:-sum(1 for x in kv[1] if not x[0])):
  m=[x for x in v if not x[0]]
  if not m: continue
  print(k,'found %d/%d'%(len(v)-len(m),len(v)),'miss best:',[x[1] for x in m])
